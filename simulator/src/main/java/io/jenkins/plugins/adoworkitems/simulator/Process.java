package io.jenkins.plugins.adoworkitems.simulator;

/** The system processes a project can be created from; each brings its own work item types, fields and states. */
public enum Process {
    AGILE("Agile", "adcc42ab-9882-485e-a3ed-7678f01f66bc"),
    SCRUM("Scrum", "6b724908-ef14-45cf-84f8-768b5384da45"),
    BASIC("Basic", "b8a3a935-7e91-48b8-a94c-606d37c3e9f2"),
    CMMI("CMMI", "27450541-8e31-4150-9947-dc59f998fc01");

    private final String displayName;
    private final String typeId;

    Process(String displayName, String typeId) {
        this.displayName = displayName;
        this.typeId = typeId;
    }

    public String displayName() {
        return displayName;
    }

    String typeId() {
        return typeId;
    }

    static Process fromName(String name) {
        for (Process p : values()) {
            if (p.name().equalsIgnoreCase(name) || p.displayName.equalsIgnoreCase(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown process '" + name + "' (expected Agile, Scrum, Basic or CMMI)");
    }
}
