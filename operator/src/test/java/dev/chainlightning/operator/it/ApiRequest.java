package dev.chainlightning.operator.it;

import java.util.Arrays;
import java.util.List;

/**
 * One API request as RBAC sees it: verb, API group and resource (with subresource), read from the method
 * and path the way the API server's request-info resolver does for the paths the operator uses.
 */
record ApiRequest(String verb, String group, String resource) {

    static ApiRequest of(String method, String pathAndQuery) {
        String path = pathAndQuery.split("\\?", 2)[0];
        boolean watch = pathAndQuery.contains("watch=true");
        List<String> parts = Arrays.stream(path.split("/")).filter(p -> !p.isEmpty()).toList();
        // /api/v1/... (core group) or /apis/<group>/<version>/...
        int start = parts.get(0).equals("api") ? 2 : 3;
        String group = parts.get(0).equals("api") ? "" : parts.get(1);
        List<String> rest = parts.subList(start, parts.size());
        if (!rest.isEmpty() && rest.get(0).equals("namespaces") && rest.size() > 2) {
            rest = rest.subList(2, rest.size());
        }
        String resource = rest.get(0);
        boolean named = rest.size() > 1;
        if (rest.size() > 2) {
            resource = resource + "/" + rest.get(2);
        }
        String verb = switch (method) {
            case "GET" -> watch ? "watch" : named ? "get" : "list";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> named ? "delete" : "deletecollection";
            default -> method.toLowerCase();
        };
        return new ApiRequest(verb, group, resource);
    }
}
