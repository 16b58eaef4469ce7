package io.jenkins.plugins.adoworkitems.core.template;

/** A templates file that cannot be used, naming the file, where in it, and why. */
public class TemplateException extends Exception {
    private static final long serialVersionUID = 1L;

    public TemplateException(String file, String position, String reason) {
        super(position == null || position.isEmpty() ? file + ": " + reason : file + ": " + position + ": " + reason);
    }
}
