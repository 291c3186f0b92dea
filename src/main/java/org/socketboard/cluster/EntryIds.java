package org.socketboard.cluster;

/** Redis Stream entry ids ({@code <milliseconds>-<sequence>}) in their order. */
final class EntryIds {

    private EntryIds() {
    }

    static int compare(String a, String b) {
        int dashA = a.indexOf('-');
        int dashB = b.indexOf('-');
        int byTime = Long.compareUnsigned(Long.parseUnsignedLong(a.substring(0, dashA)), Long.parseUnsignedLong(b.substring(0, dashB)));
        return byTime != 0 ? byTime
                : Long.compareUnsigned(Long.parseUnsignedLong(a.substring(dashA + 1)), Long.parseUnsignedLong(b.substring(dashB + 1)));
    }
}
