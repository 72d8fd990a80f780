package dev.dcf.handler.token;

/**
 * A token just created: the secret is in this answer and nowhere else, ever.
 *
 * @param token the secret, {@code dcf_} followed by 43 characters
 * @param view the stored token
 */
public record CreatedApiToken(String token, ApiTokenView view) {

}
