package io.jenkins.plugins.adoworkitems.cli;

/** Console text helpers. */
final class Text {
    private Text() {
    }

    /** At most {@code width} characters, with an ellipsis when cut; control characters become spaces. */
    static String cut(String text, int width) {
        String clean = text.replaceAll("\\p{Cntrl}", " ");
        return clean.length() <= width ? clean : clean.substring(0, Math.max(0, width - 1)) + "…";
    }
}
