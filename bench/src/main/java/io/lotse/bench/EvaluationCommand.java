package io.lotse.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.util.function.Function;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The command-line frame of an evaluation that reads a file and reports one JSON object: {@code -h}/{@code --help}
 * prints the usage; otherwise the options are read, the evaluation runs with its details on standard error, and the
 * JSON object is the last line of standard output.
 *
 * <p>Exit codes: 0 success; 2 bad options (the message and a pointer to {@code --help}), bad input (an
 * {@link IllegalArgumentException}'s message, which names the file and line) or an unreadable input; 1 any other
 * failure, with its stack trace. Every message on standard error starts with the command's name.
 *
 * @param name       the command's name, e.g. {@code clv}
 * @param usage      the help text
 * @param parser     reads the options; throws {@link IllegalArgumentException} for bad ones
 * @param input      what the evaluation reads, for the message when that cannot be read
 * @param evaluation the evaluation itself
 * @param <O>        the options
 */
record EvaluationCommand<O>(String name, String usage, Function<String[], O> parser, Function<O, String> input,
        Evaluation<O> evaluation) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Evaluates with the options read, writing details to {@code err}. */
    @FunctionalInterface
    interface Evaluation<O> {
        ObjectNode evaluate(O options, PrintStream err) throws IOException;
    }

    /** Runs the command and returns its exit code. */
    int run(String[] args, PrintStream out, PrintStream err) {
        if (CommandLineOptions.wantsHelp(args)) {
            out.println(usage);
            return 0;
        }
        O options;
        try {
            options = parser.apply(args);
        } catch (IllegalArgumentException e) {
            err.println(name + ": " + e.getMessage());
            err.println("Run with --help for the options.");
            return 2;
        }
        try {
            out.println(JSON.writeValueAsString(evaluation.evaluate(options, err)));
            return 0;
        } catch (IllegalArgumentException e) {
            err.println(name + ": " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println(name + ": cannot read " + input.apply(options) + ": " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            err.println(name + ": the evaluation failed: " + e);
            e.printStackTrace(err);
            return 1;
        }
    }
}
