package io.jenkins.plugins.adoworkitems.simulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A request as the routes see it: decoded path segments, query parameters (case-insensitive names), headers, body. */
record Request(String method, String path, String rawQuery, List<String> segments, Map<String, String> query,
               Map<String, String> headers, byte[] body) {

    static Request of(String method, String rawPath, String rawQuery, Map<String, String> headers, byte[] body) {
        List<String> segments = new ArrayList<>();
        for (String s : rawPath.split("/")) {
            if (!s.isEmpty()) {
                segments.add(URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                query.putIfAbsent(name.toLowerCase(Locale.ROOT), value);
            }
        }
        Map<String, String> lowerHeaders = new LinkedHashMap<>();
        headers.forEach((k, v) -> lowerHeaders.put(k.toLowerCase(Locale.ROOT), v));
        return new Request(method.toUpperCase(Locale.ROOT), rawPath, rawQuery == null ? "" : rawQuery,
                Collections.unmodifiableList(segments), Collections.unmodifiableMap(query), Collections.unmodifiableMap(lowerHeaders), body);
    }

    String param(String name) {
        return query.get(name.toLowerCase(Locale.ROOT));
    }

    boolean flag(String name) {
        return "true".equalsIgnoreCase(param(name));
    }

    String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The media type without parameters, lower case, or "" when absent. */
    String contentType() {
        String ct = header("content-type");
        return ct == null ? "" : ct.split(";")[0].trim().toLowerCase(Locale.ROOT);
    }
}
