package dev.chainlightning.testbed;

/** Outcome of one finished external command. */
public record CommandResult(int exitCode, String stdout, String stderr) {

    public boolean ok() {
        return exitCode == 0;
    }
}
