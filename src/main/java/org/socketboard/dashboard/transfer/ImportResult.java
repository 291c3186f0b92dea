package org.socketboard.dashboard.transfer;

import java.util.List;

/**
 * What an import did.
 *
 * @param slug    where the imported dashboard is now (the existing one when it was skipped)
 * @param changes one line per definition for people, e.g. "service 'Ticker' created"
 */
public record ImportResult(String slug, List<String> changes) {

    public ImportResult {
        changes = List.copyOf(changes);
    }
}
