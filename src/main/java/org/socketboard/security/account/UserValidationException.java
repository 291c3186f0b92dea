package org.socketboard.security.account;

/** A user change was refused; {@link #field()} says which input to mark, the message what to fix. */
public class UserValidationException extends RuntimeException {

    /** The input a refusal is about. */
    public enum Field { USERNAME, PASSWORD, CURRENT_PASSWORD, ROLES, ACCOUNT }

    private final Field field;

    public UserValidationException(Field field, String message) {
        super(message);
        this.field = field;
    }

    public Field field() {
        return field;
    }
}
