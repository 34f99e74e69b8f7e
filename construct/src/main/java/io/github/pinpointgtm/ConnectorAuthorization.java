package io.github.pinpointgtm;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.apigateway.AuthorizationType;
import software.amazon.awscdk.services.apigateway.CognitoUserPoolsAuthorizer;
import software.amazon.awscdk.services.apigateway.Authorizer;
import software.amazon.awscdk.services.apigateway.IdentitySource;
import software.amazon.awscdk.services.apigateway.RequestAuthorizer;
import software.amazon.awscdk.services.cognito.IUserPool;
import software.amazon.awscdk.services.lambda.IFunction;
import software.constructs.Construct;

/**
 * Who may send hits to the connector's {@code /events} resource.
 *
 * <ul>
 *   <li>{@link #none()} (the default): anyone; the allowed origins are then a browser-level control enforced by
 *       the processor, not authentication.</li>
 *   <li>{@link #cognito(IUserPool)}: a Cognito user pool's ID token in the {@code Authorization} header, on GET and
 *       POST. An {@code <img>} pixel (GTM Custom Image tag) cannot send headers, so with Cognito only
 *       {@code fetch}/server-side requests work; use {@link #lambda(IFunction, String)} for pixels.</li>
 *   <li>{@link #lambda(IFunction, String)}: a Lambda REQUEST authorizer reading a token from the query string,
 *       which an image tag can carry.</li>
 * </ul>
 * The authenticated identity travels in the envelope and becomes the endpoint id (the query's {@code endpoint_id}
 * is then not trusted). The CORS preflight ({@code OPTIONS}) is never authorized: browsers send it without
 * credentials.
 */
public abstract class ConnectorAuthorization {

    /** A Cognito claim name; {@code cognito:username} and the like are allowed. */
    private static final Pattern CLAIM_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_:.\\-]{0,127}");
    private static final Pattern VTL_IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    private static final Pattern QUERY_PARAMETER = Pattern.compile("[A-Za-z0-9._\\-]{1,128}");
    private static final Pattern IDENTITY_SOURCE = Pattern.compile(
            "method\\.request\\.(header|querystring)\\.[A-Za-z0-9._\\-]{1,128}"
                    + "|stageVariables\\.[A-Za-z0-9_]{1,64}|context\\.[A-Za-z0-9_.]{1,128}");

    private static final String QUERY_STRING_SOURCE = "method.request.querystring.";
    private static final String HEADER_SOURCE = "method.request.header.";

    private final AuthorizationType authorizationType;

    ConnectorAuthorization(AuthorizationType authorizationType) {
        // The supported modes are the factories below: each needs matching VTL and processor behaviour.
        this.authorizationType = authorizationType;
    }

    /** @return no authorization: every request is accepted by API Gateway (the default) */
    public static ConnectorAuthorization none() {
        return NoAuthorization.INSTANCE;
    }

    /**
     * A Cognito user pool authorizer on GET and POST; the identity is the ID token's {@code sub} claim.
     *
     * @param userPool the user pool whose tokens are accepted
     * @return the authorization
     */
    public static ConnectorAuthorization cognito(IUserPool userPool) {
        return cognito(userPool, "sub");
    }

    /**
     * A Cognito user pool authorizer on GET and POST; the identity is the given claim of the ID token.
     *
     * @param userPool  the user pool whose tokens are accepted
     * @param claimName the claim that becomes the endpoint id, e.g. {@code sub} or {@code cognito:username}
     * @return the authorization
     */
    public static ConnectorAuthorization cognito(IUserPool userPool, String claimName) {
        if (userPool == null) {
            throw new IllegalArgumentException("authorization: cognito userPool is required");
        }
        if (claimName == null || !CLAIM_NAME.matcher(claimName).matches()) {
            throw new IllegalArgumentException("authorization: cognito claimName must match "
                    + CLAIM_NAME.pattern() + ", got '" + claimName + "'");
        }
        return new CognitoAuthorization(userPool, claimName);
    }

    /**
     * A Lambda REQUEST authorizer whose identity source is one query-string parameter (so an image pixel can carry
     * it). The identity is the authorizer's {@code principalId}; results are cached for 5 minutes per token.
     *
     * @param handler             the authorizer function
     * @param tokenQueryParameter the query-string parameter holding the token, e.g. {@code token}
     * @return the authorization
     */
    public static ConnectorAuthorization lambda(IFunction handler, String tokenQueryParameter) {
        if (tokenQueryParameter == null || !QUERY_PARAMETER.matcher(tokenQueryParameter).matches()) {
            throw new IllegalArgumentException("authorization: lambda tokenQueryParameter must match "
                    + QUERY_PARAMETER.pattern() + ", got '" + tokenQueryParameter + "'");
        }
        return lambda(LambdaAuthorizerOptions.builder()
                .handler(handler)
                .identitySources(List.of(IdentitySource.queryString(tokenQueryParameter)))
                .build());
    }

    /**
     * A Lambda REQUEST authorizer with configurable identity sources, identity key and cache TTL.
     *
     * @param options the authorizer's options
     * @return the authorization
     */
    public static ConnectorAuthorization lambda(LambdaAuthorizerOptions options) {
        if (options == null) {
            throw new IllegalArgumentException("authorization: lambda options are required");
        }
        return new LambdaAuthorization(options);
    }

    /** @return the authorization type of GET and POST */
    final AuthorizationType authorizationType() {
        return authorizationType;
    }

    /** @return the authorizer of GET and POST, or {@code null} */
    abstract Authorizer createAuthorizer(Construct scope);

    /** @return the VTL reference of the authenticated identity, or {@code null} when unauthenticated */
    abstract String identityReference();

    /** @return the label naming where the identity comes from, or {@code null} when unauthenticated */
    abstract String identitySource();

    /** @return the request headers a browser must be allowed to send (CORS {@code Access-Control-Allow-Headers}) */
    final List<String> allowedRequestHeaders() {
        List<String> headers = new ArrayList<>(List.of("Content-Type"));
        headers.addAll(credentialHeaders());
        return List.copyOf(headers);
    }

    /**
     * @return the request headers that carry the caller's credentials (the ID token's header, an authorizer's header
     *         identity sources), in the order they were given; the web ACL redacts them from its logs
     */
    List<String> credentialHeaders() {
        return List.of();
    }

    /**
     * @return the query parameters that carry the caller's credentials (an authorizer's query-string identity
     *         sources); the envelope omits them so no credential is stored in the queues
     */
    Set<String> credentialQueryParameters() {
        return Set.of();
    }

    static final class NoAuthorization extends ConnectorAuthorization {
        static final NoAuthorization INSTANCE = new NoAuthorization();

        private NoAuthorization() {
            super(AuthorizationType.NONE);
        }

        @Override
        Authorizer createAuthorizer(Construct scope) {
            return null;
        }

        @Override
        String identityReference() {
            return null;
        }

        @Override
        String identitySource() {
            return null;
        }
    }

    static final class CognitoAuthorization extends ConnectorAuthorization {
        private final IUserPool userPool;
        private final String claimName;

        CognitoAuthorization(IUserPool userPool, String claimName) {
            super(AuthorizationType.COGNITO);
            this.userPool = userPool;
            this.claimName = claimName;
        }

        @Override
        Authorizer createAuthorizer(Construct scope) {
            return CognitoUserPoolsAuthorizer.Builder.create(scope, "CognitoAuthorizer")
                    .cognitoUserPools(List.of(userPool))
                    .build();
        }

        @Override
        String identityReference() {
            // A claim such as cognito:username is not a VTL identifier: use index notation for it.
            return VTL_IDENTIFIER.matcher(claimName).matches()
                    ? "$context.authorizer.claims." + claimName
                    : "$context.authorizer.claims['" + claimName + "']";
        }

        @Override
        String identitySource() {
            return "cognito:" + claimName;
        }

        @Override
        List<String> credentialHeaders() {
            return List.of("Authorization");
        }
    }

    static final class LambdaAuthorization extends ConnectorAuthorization {
        private final LambdaAuthorizerOptions options;

        LambdaAuthorization(LambdaAuthorizerOptions options) {
            super(AuthorizationType.CUSTOM);
            this.options = options;
        }

        @Override
        Authorizer createAuthorizer(Construct scope) {
            return RequestAuthorizer.Builder.create(scope, "LambdaAuthorizer")
                    .handler(options.getHandler())
                    .identitySources(options.getIdentitySources())
                    .resultsCacheTtl(options.getResultsCacheTtl())
                    .build();
        }

        @Override
        String identityReference() {
            String key = options.getIdentityContextKey();
            return key == null ? "$context.authorizer.principalId" : "$context.authorizer." + key;
        }

        @Override
        String identitySource() {
            String key = options.getIdentityContextKey();
            return "lambda:" + (key == null ? "principalId" : key);
        }

        @Override
        List<String> credentialHeaders() {
            return identitySourceNames(HEADER_SOURCE);
        }

        @Override
        Set<String> credentialQueryParameters() {
            return Set.copyOf(identitySourceNames(QUERY_STRING_SOURCE));
        }

        /** The names of the identity sources of one kind (e.g. the headers), in the order they were given. */
        private List<String> identitySourceNames(String prefix) {
            return options.getIdentitySources().stream()
                    .filter(source -> source.startsWith(prefix))
                    .map(source -> source.substring(prefix.length()))
                    .toList();
        }
    }

    /** Options of {@link ConnectorAuthorization#lambda(LambdaAuthorizerOptions)}. Immutable; use the builder. */
    public static final class LambdaAuthorizerOptions {
        private final IFunction handler;
        private final List<String> identitySources;
        private final String identityContextKey;
        private final Duration resultsCacheTtl;

        private LambdaAuthorizerOptions(IFunction handler, List<String> identitySources, String identityContextKey,
                Duration resultsCacheTtl) {
            this.handler = handler;
            this.identitySources = identitySources;
            this.identityContextKey = identityContextKey;
            this.resultsCacheTtl = resultsCacheTtl;
        }

        /** @return a new builder */
        public static Builder builder() {
            return new Builder();
        }

        /** @return the authorizer function (required) */
        public IFunction getHandler() {
            return handler;
        }

        /** @return the identity sources, e.g. {@code method.request.querystring.token} (required, at least one) */
        public List<String> getIdentitySources() {
            return identitySources;
        }

        /**
         * @return the key of the authorizer's {@code context} map whose value is the identity; {@code null}
         *         (the default) means the authorizer's {@code principalId}
         */
        public String getIdentityContextKey() {
            return identityContextKey;
        }

        /** @return how long API Gateway caches an authorizer result per identity source value; default 5 minutes */
        public Duration getResultsCacheTtl() {
            return resultsCacheTtl;
        }

        /** Builds {@link LambdaAuthorizerOptions}. */
        public static final class Builder {
            private IFunction handler;
            private List<String> identitySources;
            private String identityContextKey;
            private Duration resultsCacheTtl = Duration.minutes(5);

            private Builder() {
            }

            /**
             * @param handler the authorizer function (required)
             * @return this builder
             */
            public Builder handler(IFunction handler) {
                this.handler = handler;
                return this;
            }

            /**
             * @param identitySources the request values that identify a caller and key the result cache, as
             *                        {@link IdentitySource} expressions (required, at least one)
             * @return this builder
             */
            public Builder identitySources(List<String> identitySources) {
                this.identitySources = identitySources;
                return this;
            }

            /**
             * @param identityContextKey the authorizer context key holding the identity; default: the principalId
             * @return this builder
             */
            public Builder identityContextKey(String identityContextKey) {
                this.identityContextKey = identityContextKey;
                return this;
            }

            /**
             * @param resultsCacheTtl the result cache TTL, 0 to 1 hour; default 5 minutes (0 disables caching)
             * @return this builder
             */
            public Builder resultsCacheTtl(Duration resultsCacheTtl) {
                this.resultsCacheTtl = resultsCacheTtl;
                return this;
            }

            /**
             * @return the options
             * @throws IllegalArgumentException naming the option that is missing or invalid
             */
            public LambdaAuthorizerOptions build() {
                if (handler == null) {
                    throw new IllegalArgumentException("authorization: lambda handler is required");
                }
                if (identitySources == null || identitySources.isEmpty()) {
                    throw new IllegalArgumentException(
                            "authorization: lambda identitySources must name at least one identity source");
                }
                for (String source : identitySources) {
                    if (source == null || !IDENTITY_SOURCE.matcher(source).matches()) {
                        throw new IllegalArgumentException("authorization: lambda identitySources entry '" + source
                                + "' is not an identity source such as method.request.querystring.token");
                    }
                }
                List<String> sources = List.copyOf(identitySources);
                if (identityContextKey != null && !VTL_IDENTIFIER.matcher(identityContextKey).matches()) {
                    throw new IllegalArgumentException("authorization: lambda identityContextKey must match "
                            + VTL_IDENTIFIER.pattern() + ", got '" + identityContextKey + "'");
                }
                if (resultsCacheTtl == null || resultsCacheTtl.toMilliseconds().doubleValue() < 0
                        || resultsCacheTtl.toMilliseconds().doubleValue() > 3_600_000) {
                    throw new IllegalArgumentException(
                            "authorization: lambda resultsCacheTtl must be between 0 seconds and 1 hour");
                }
                return new LambdaAuthorizerOptions(handler, sources, identityContextKey, resultsCacheTtl);
            }
        }
    }
}
