package io.jenkins.plugins.adoworkitems.simulator;

/** An on-premises Azure DevOps Server release, known to clients by the newest REST api-version it serves. */
public enum ServerVersion {
    V2019("5.0", 5, 0),
    V2020("6.0", 6, 0),
    V2022("7.1", 7, 1);

    private final String maxApiVersion;
    private final int major;
    private final int minor;

    ServerVersion(String maxApiVersion, int major, int minor) {
        this.maxApiVersion = maxApiVersion;
        this.major = major;
        this.minor = minor;
    }

    public String maxApiVersion() {
        return maxApiVersion;
    }

    ApiVersion max() {
        return new ApiVersion(major, minor, false, 0);
    }
}
