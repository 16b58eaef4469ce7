package io.jenkins.plugins.adoworkitems.core.finding;

import java.io.Serializable;

/**
 * What a dependency, image or DAST finding is about. Code findings have {@link #NONE}.
 *
 * @param ecosystem the package manager or ecosystem as the tool names it (npm, maven, alpine, pip…)
 * @param image the container image, for image scans
 * @param target what was scanned: a lock file, an image with its OS, a Kubernetes resource
 * @param url for DAST findings, the URL probed
 */
public record Asset(String packageName, String installedVersion, String fixedVersion, String ecosystem,
                    String image, String target, String url, String method, String parameter) implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final Asset NONE = new Asset("", "", "", "", "", "", "", "", "");

    public Asset {
        packageName = Text.orEmpty(packageName);
        installedVersion = Text.orEmpty(installedVersion);
        fixedVersion = Text.orEmpty(fixedVersion);
        ecosystem = Text.orEmpty(ecosystem);
        image = Text.orEmpty(image);
        target = Text.orEmpty(target);
        url = Text.orEmpty(url);
        method = Text.orEmpty(method);
        parameter = Text.orEmpty(parameter);
    }

    /** A package in a dependency or image scan. */
    public static Asset ofPackage(String ecosystem, String packageName, String installedVersion, String fixedVersion,
                                  String target) {
        return new Asset(packageName, installedVersion, fixedVersion, ecosystem, "", target, "", "", "");
    }

    /** An endpoint in a DAST scan. */
    public static Asset ofEndpoint(String url, String method, String parameter) {
        return new Asset("", "", "", "", "", "", url, method, parameter);
    }

    public Asset withImage(String newImage) {
        return new Asset(packageName, installedVersion, fixedVersion, ecosystem, newImage, target, url, method, parameter);
    }

    public boolean isPackage() {
        return !packageName.isEmpty();
    }

    public boolean isEndpoint() {
        return !url.isEmpty();
    }

    public boolean isNone() {
        return equals(NONE);
    }
}
