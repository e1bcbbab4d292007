#!/usr/bin/env python3
"""Independent reference of Noise_IKpsk2_25519_ChaChaPoly_SHA256 (Noise spec rev 34).

Written from the specification alone, sharing nothing with the Java code, so that the vectors it
writes are a second opinion on tunnel-core's dev.chainlightning.crypto.noise. X25519 and
ChaCha20-Poly1305 come from the `cryptography` package (OpenSSL); SHA-256 and HMAC from the
standard library.

Regenerate (from the repository root):
    python3 tunnel-core/src/test/resources/noise/make_vectors.py \
        > tunnel-core/src/test/resources/noise/ikpsk2-vectors.json
The output is deterministic: every key and payload is fixed below. Before writing, the script
checks itself against the published cacophony vector for this protocol (cacophony-ikpsk2.json).
"""
import hashlib
import hmac
import json
import os
import struct
import sys

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

PROTOCOL_NAME = b"Noise_IKpsk2_25519_ChaChaPoly_SHA256"
PROLOGUE = b"chainlightning v2"
HASHLEN = 32
DHLEN = 32


# --- section 4: crypto functions -------------------------------------------------------------

def public_of(private):
    key = X25519PrivateKey.from_private_bytes(private)
    return key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def dh(private, public):
    # OpenSSL refuses an all-zero result (low-order point) by raising; so does the Java side.
    return X25519PrivateKey.from_private_bytes(private).exchange(X25519PublicKey.from_public_bytes(public))


def chachapoly_nonce(n):
    # Section 12.3: 32 bits of zeros followed by the little-endian encoding of n.
    return b"\x00" * 4 + struct.pack("<Q", n)


def encrypt(k, n, ad, plaintext):
    return ChaCha20Poly1305(k).encrypt(chachapoly_nonce(n), plaintext, ad)


def decrypt(k, n, ad, ciphertext):
    return ChaCha20Poly1305(k).decrypt(chachapoly_nonce(n), ciphertext, ad)


def HASH(data):
    return hashlib.sha256(data).digest()


def HMAC_HASH(key, data):
    return hmac.new(key, data, hashlib.sha256).digest()


def HKDF(chaining_key, input_key_material, num_outputs):
    # Section 4.3, written out literally rather than through an RFC 5869 library.
    temp_key = HMAC_HASH(chaining_key, input_key_material)
    output1 = HMAC_HASH(temp_key, b"\x01")
    output2 = HMAC_HASH(temp_key, output1 + b"\x02")
    if num_outputs == 2:
        return output1, output2
    output3 = HMAC_HASH(temp_key, output2 + b"\x03")
    return output1, output2, output3


# --- section 5: processing rules --------------------------------------------------------------

class CipherState:
    def __init__(self):
        self.k = None
        self.n = 0

    def initialize_key(self, key):
        self.k = key
        self.n = 0

    def encrypt_with_ad(self, ad, plaintext):
        if self.k is None:
            return plaintext
        out = encrypt(self.k, self.n, ad, plaintext)
        self.n += 1
        return out

    def decrypt_with_ad(self, ad, ciphertext):
        if self.k is None:
            return ciphertext
        out = decrypt(self.k, self.n, ad, ciphertext)
        self.n += 1
        return out


class SymmetricState:
    def __init__(self, protocol_name):
        if len(protocol_name) <= HASHLEN:
            self.h = protocol_name + b"\x00" * (HASHLEN - len(protocol_name))
        else:
            self.h = HASH(protocol_name)
        self.ck = self.h
        self.cipher = CipherState()

    def mix_key(self, ikm):
        self.ck, temp_k = HKDF(self.ck, ikm, 2)
        self.cipher.initialize_key(temp_k)  # HASHLEN is 32: no truncation

    def mix_hash(self, data):
        self.h = HASH(self.h + data)

    def mix_key_and_hash(self, ikm):
        self.ck, temp_h, temp_k = HKDF(self.ck, ikm, 3)
        self.mix_hash(temp_h)
        self.cipher.initialize_key(temp_k)

    def encrypt_and_hash(self, plaintext):
        ciphertext = self.cipher.encrypt_with_ad(self.h, plaintext)
        self.mix_hash(ciphertext)
        return ciphertext

    def decrypt_and_hash(self, ciphertext):
        plaintext = self.cipher.decrypt_with_ad(self.h, ciphertext)
        self.mix_hash(ciphertext)
        return plaintext

    def split(self):
        return HKDF(self.ck, b"", 2)


# --- section 5.3 specialised to IKpsk2 -------------------------------------------------------
#   <- s
#   ...
#   -> e, es, s, ss
#   <- e, ee, se, psk
# Section 9.2: in a PSK handshake every "e" token also does MixKey(e.public_key).

class Party:
    def __init__(self, initiator, s, e, rs, psk, prologue=PROLOGUE):
        self.initiator = initiator
        self.s = s                 # static private key
        self.e = e                 # ephemeral private key (fixed for vectors)
        self.rs = rs               # remote static public key (initiator knows it in advance)
        self.re = None
        self.psk = psk
        self.ss = SymmetricState(PROTOCOL_NAME)
        self.ss.mix_hash(prologue)
        responder_static_public = rs if initiator else public_of(s)
        self.ss.mix_hash(responder_static_public)

    def token_e_write(self, out):
        pub = public_of(self.e)
        out += pub
        self.ss.mix_hash(pub)
        self.ss.mix_key(pub)

    def token_e_read(self, message, pos):
        self.re = message[pos:pos + DHLEN]
        self.ss.mix_hash(self.re)
        self.ss.mix_key(self.re)
        return pos + DHLEN

    def dh_token(self, token):
        # Section 7.1: "es" is DH(e, rs) for the initiator, DH(s, re) for the responder, etc.
        first, second = token[0], token[1]
        if self.initiator:
            mine = self.e if first == "e" else self.s
            theirs = self.re if second == "e" else self.rs
        else:
            mine = self.e if second == "e" else self.s
            theirs = self.re if first == "e" else self.rs
        self.ss.mix_key(dh(mine, theirs))

    def write_message_1(self, payload):
        out = bytearray()
        self.token_e_write(out)
        self.dh_token("es")
        out += self.ss.encrypt_and_hash(public_of(self.s))
        self.dh_token("ss")
        out += self.ss.encrypt_and_hash(payload)
        return bytes(out)

    def read_message_1(self, message):
        pos = self.token_e_read(message, 0)
        self.dh_token("es")
        self.rs = self.ss.decrypt_and_hash(message[pos:pos + DHLEN + 16])
        pos += DHLEN + 16
        self.dh_token("ss")
        return self.ss.decrypt_and_hash(message[pos:])

    def write_message_2(self, payload):
        out = bytearray()
        self.token_e_write(out)
        self.dh_token("ee")
        self.dh_token("se")
        self.ss.mix_key_and_hash(self.psk)
        out += self.ss.encrypt_and_hash(payload)
        return bytes(out)

    def read_message_2(self, message):
        pos = self.token_e_read(message, 0)
        self.dh_token("ee")
        self.dh_token("se")
        self.ss.mix_key_and_hash(self.psk)
        return self.ss.decrypt_and_hash(message[pos:])


def fixed(label, length=32):
    """Deterministic test bytes: SHA-256 of a label, repeated as needed."""
    out = b""
    counter = 0
    while len(out) < length:
        out += HASH(("chainlightning noise vector " + label + " " + str(counter)).encode())
        counter += 1
    return out[:length]


def vector(name, psk, payload1, payload2):
    init_s, init_e = fixed(name + " initiator static"), fixed(name + " initiator ephemeral")
    resp_s, resp_e = fixed(name + " responder static"), fixed(name + " responder ephemeral")
    initiator = Party(True, init_s, init_e, public_of(resp_s), psk)
    responder = Party(False, resp_s, resp_e, None, psk)

    message1 = initiator.write_message_1(payload1)
    assert responder.read_message_1(message1) == payload1
    assert responder.rs == public_of(init_s)
    message2 = responder.write_message_2(payload2)
    assert initiator.read_message_2(message2) == payload2
    i2r, r2i = initiator.ss.split()
    assert (i2r, r2i) == responder.ss.split()
    assert initiator.ss.h == responder.ss.h
    assert len(message1) == 32 + 48 + len(payload1) + 16
    assert len(message2) == 32 + len(payload2) + 16
    return {
        "name": name,
        "protocol_name": PROTOCOL_NAME.decode(),
        "prologue": PROLOGUE.hex(),
        "initiator_static_private": init_s.hex(),
        "initiator_static_public": public_of(init_s).hex(),
        "initiator_ephemeral_private": init_e.hex(),
        "responder_static_private": resp_s.hex(),
        "responder_static_public": public_of(resp_s).hex(),
        "responder_ephemeral_private": resp_e.hex(),
        "psk": psk.hex(),
        "payload1": payload1.hex(),
        "payload2": payload2.hex(),
        "message1": message1.hex(),
        "message2": message2.hex(),
        "initiator_to_responder": i2r.hex(),
        "responder_to_initiator": r2i.hex(),
        "handshake_hash": initiator.ss.h.hex(),
    }


def check_cacophony():
    """Before writing anything, the reference must reproduce the published cacophony vector."""
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cacophony-ikpsk2.json")
    with open(path) as f:
        v = json.load(f)
    assert v["name"] == PROTOCOL_NAME.decode()
    x = {k: bytes.fromhex(v[k]) for k in ("init_prologue", "init_psk", "init_static", "init_ephemeral",
                                          "resp_prologue", "resp_psk", "resp_static", "resp_ephemeral")}
    msgs = [(bytes.fromhex(m["payload"]), bytes.fromhex(m["ciphertext"])) for m in v["messages"]]
    initiator = Party(True, x["init_static"], x["init_ephemeral"], public_of(x["resp_static"]), x["init_psk"],
                      x["init_prologue"])
    responder = Party(False, x["resp_static"], x["resp_ephemeral"], None, x["resp_psk"], x["resp_prologue"])
    assert initiator.write_message_1(msgs[0][0]) == msgs[0][1]
    assert responder.read_message_1(msgs[0][1]) == msgs[0][0]
    assert responder.write_message_2(msgs[1][0]) == msgs[1][1]
    assert initiator.read_message_2(msgs[1][1]) == msgs[1][0]
    i2r, r2i = initiator.ss.split()
    for n, (payload, ciphertext) in enumerate(msgs[2:]):
        assert encrypt(i2r if n % 2 == 0 else r2i, n // 2, b"", payload) == ciphertext, "transport message %d" % (n + 3)


def main():
    check_cacophony()
    vectors = [
        vector("no psk, empty payloads", b"\x00" * 32, b"", b""),
        # A 12-byte timestamp and a 4-byte sender index, as the engine will send.
        vector("psk, initiation-like payloads", fixed("psk"), fixed("payload1", 16), fixed("payload2", 8)),
        vector("psk, long payloads", fixed("psk 2"), fixed("payload1 long", 300), fixed("payload2 long", 1000)),
    ]
    json.dump({"source": "tunnel-core/src/test/resources/noise/make_vectors.py", "vectors": vectors},
              sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
