/** ChainLightning: a multi-WAN UDP bonding tunnel. */
package dev.chainlightning;
