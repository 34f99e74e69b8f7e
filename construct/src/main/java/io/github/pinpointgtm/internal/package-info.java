/**
 * Implementation details of the construct that are not part of its public API and may change in any release:
 * currently the generator of the API Gateway request template that writes the envelope (see
 * {@code docs/envelope.md}).
 */
package io.github.pinpointgtm.internal;
