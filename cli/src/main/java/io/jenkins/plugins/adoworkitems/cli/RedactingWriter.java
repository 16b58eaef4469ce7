package io.jenkins.plugins.adoworkitems.cli;

import io.jenkins.plugins.adoworkitems.core.auth.Redactor;

import java.io.IOException;
import java.io.Writer;
import java.util.function.Supplier;

/**
 * Where stdout and stderr text goes on its way out: whole lines through the run's {@link Redactor}. Lines, because
 * a secret printed in two pieces must still be found; what is left at a flush goes out as it is then.
 */
final class RedactingWriter extends Writer {
    private final Writer target;
    private final Supplier<Redactor> redactor;
    private final StringBuilder line = new StringBuilder();

    /** @param redactor asked at every line, so secrets the run learns later (a --pat-file) count from then on */
    RedactingWriter(Writer target, Supplier<Redactor> redactor) {
        this.target = target;
        this.redactor = redactor;
    }

    @Override
    public synchronized void write(char[] buffer, int offset, int length) throws IOException {
        for (int i = offset; i < offset + length; i++) {
            line.append(buffer[i]);
            if (buffer[i] == '\n') {
                emit();
            }
        }
    }

    @Override
    public synchronized void flush() throws IOException {
        emit();
        target.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        flush();
        target.close();
    }

    private void emit() throws IOException {
        if (line.length() > 0) {
            target.write(redactor.get().redact(line.toString()));
            line.setLength(0);
        }
    }
}
