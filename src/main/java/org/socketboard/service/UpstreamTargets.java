package org.socketboard.service;

import org.socketboard.security.SecretCipher;
import org.socketboard.service.domain.ParamLocation;
import org.socketboard.service.domain.ServiceParam;
import org.socketboard.service.domain.ServiceUrl;
import org.socketboard.service.domain.SocketService;
import org.socketboard.upstream.UpstreamTarget;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Works out a service's {@link UpstreamTarget} from parameter values (a variable's own; Test connection
 * has none): each parameter takes the given value, else the service's default, blanks left out. Stored
 * secrets are decrypted here, for connecting only, and handed on as the values to mask.
 */
public final class UpstreamTargets {

    private UpstreamTargets() {
    }

    /** @throws org.socketboard.service.domain.InvalidServiceUrlException naming what is missing or wrong in the URL */
    public static UpstreamTarget of(SocketService service, Map<String, String> paramValues, SecretCipher cipher) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> url = new LinkedHashMap<>();
        Map<String, String> headers = new LinkedHashMap<>();
        Map<String, String> connect = new LinkedHashMap<>();
        Set<String> secrets = new HashSet<>();
        for (ServiceParam param : service.getParams()) {
            String given = paramValues.get(param.name());
            String value = isBlank(given) ? param.defaultValue() : given;
            if (param.secret()) {
                Stream.of(given, param.defaultValue()).map(cipher::reveal).filter(secret -> !isBlank(secret)).forEach(secrets::add);
            }
            if (isBlank(value)) {
                continue;
            }
            String plain = cipher.reveal(value);
            values.put(param.name(), plain);
            Map<String, String> at = param.location() == ParamLocation.HEADER ? headers
                    : param.location() == ParamLocation.CONNECT ? connect : url;
            at.put(param.name(), plain);
        }
        return new UpstreamTarget(ServiceUrl.parse(service.getUrl()).resolve(url), headers, service.getSubprotocols(),
                connect, values, secrets);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
