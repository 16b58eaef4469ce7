package io.jenkins.plugins.adoworkitems.simulator;

/** A work item field as the organization knows it; {@code type} uses ADO's names (string, integer, html, treePath…). */
record FieldDef(String referenceName, String name, String type, boolean readOnly, String helpText) {
    boolean isIdentity() {
        return type.equals("identity");
    }

    boolean isNumeric() {
        return type.equals("integer") || type.equals("double");
    }
}
