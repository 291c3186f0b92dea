package org.socketboard.api;

/** A PUT whose body names another definition than its address; renaming goes through delete and create. */
public class DefinitionNameMismatchException extends RuntimeException {

    private final String field;

    public DefinitionNameMismatchException(String field, String inPath, String inBody) {
        super("The " + field + " in the body ('" + inBody + "') differs from the one in the address ('" + inPath
                + "'); they must be the same");
        this.field = field;
    }

    public String field() {
        return field;
    }
}
