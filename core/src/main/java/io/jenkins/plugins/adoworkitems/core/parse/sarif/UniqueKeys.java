package io.jenkins.plugins.adoworkitems.core.parse.sarif;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;

import java.util.HashSet;
import java.util.Set;

/**
 * The keys of one object the parser streams through rather than reading as a tree (the log, a run): a key
 * twice is an error there as in any tree we read, since the second value would silently win.
 */
final class UniqueKeys {
    private final Set<String> seen = new HashSet<>();

    void add(String key, JsonParser parser) throws JsonParseException {
        if (!seen.add(key)) {
            throw new JsonParseException(parser, "Duplicate field '" + key + "'");
        }
    }
}
