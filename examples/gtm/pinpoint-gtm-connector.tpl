___TERMS_OF_SERVICE___

By creating or modifying this file you agree to Google Tag Manager's Community
Template Gallery Developer Terms of Service available at
https://developers.google.com/tag-manager/gallery-tos (or such other URL as
Google may provide), as modified from time to time.


___INFO___

{
  "type": "TAG",
  "id": "cvt_temp_public_id",
  "version": 1,
  "securityGroups": [],
  "displayName": "Pinpoint GTM Connector - customer event",
  "categories": ["ANALYTICS", "MARKETING"],
  "brand": {
    "id": "brand_dummy",
    "displayName": "pinpoint-gtm-connector"
  },
  "description": "Records a customer event through a pinpoint-gtm-connector endpoint (API Gateway, SQS, Lambda) in Amazon Pinpoint. Builds the pixel URL of the connector's parameter contract, URL-encoding every name and value.",
  "containerContexts": [
    "WEB"
  ]
}


___TEMPLATE_PARAMETERS___

[
  {
    "type": "TEXT",
    "name": "eventsUrl",
    "displayName": "Events URL",
    "simpleValueType": true,
    "help": "The connector's events URL: the EventsUrl output of your CDK stack, e.g. https://abc123.execute-api.eu-west-1.amazonaws.com/prod/events. Without a query string. Also allow its host in this template's Permissions (Sends pixels).",
    "valueHint": "https://abc123.execute-api.eu-west-1.amazonaws.com/prod/events",
    "valueValidators": [
      {
        "type": "NON_EMPTY"
      },
      {
        "type": "REGEX",
        "args": [
          "^https://[^?#\\s]+$"
        ],
        "errorMessage": "An https URL without a query string or fragment, e.g. https://abc123.execute-api.eu-west-1.amazonaws.com/prod/events"
      }
    ]
  },
  {
    "type": "TEXT",
    "name": "eventType",
    "displayName": "Event type",
    "simpleValueType": true,
    "help": "The customer event type (parameter event), e.g. contract_renewal_due or {{Event}}. Pinpoint allows at most 50 characters.",
    "valueValidators": [
      {
        "type": "NON_EMPTY"
      }
    ]
  },
  {
    "type": "TEXT",
    "name": "endpointId",
    "displayName": "Endpoint id",
    "simpleValueType": true,
    "help": "The Pinpoint endpoint id of the customer (parameter endpoint_id), usually a Data Layer Variable. Leave it empty only when the connector's Lambda authorizer supplies the identity; an unauthenticated hit without it goes to the rejected queue with reason missing-endpoint-id."
  },
  {
    "type": "TEXT",
    "name": "endpointSignature",
    "displayName": "Endpoint signature",
    "simpleValueType": true,
    "help": "Only for a connector with identity verification: the signature your site's backend rendered next to the endpoint id (parameter endpoint_sig), usually a Data Layer Variable. Leave empty otherwise, and for anonymous ids that start with the connector's anonymous prefix. A hit whose id needs a signature and lacks a valid one is refused with reason identity-unverified."
  },
  {
    "type": "SIMPLE_TABLE",
    "name": "eventAttributes",
    "displayName": "Event attributes (evat_)",
    "help": "String attributes of the event. Sent as evat_<name>. Values up to 200 characters. Rows with an empty value are left out.",
    "newRowButtonText": "Add attribute",
    "simpleTableColumns": [
      {
        "defaultValue": "",
        "displayName": "Name",
        "name": "name",
        "type": "TEXT",
        "isUnique": true,
        "valueValidators": [
          {
            "type": "NON_EMPTY"
          }
        ]
      },
      {
        "defaultValue": "",
        "displayName": "Value",
        "name": "value",
        "type": "TEXT"
      }
    ]
  },
  {
    "type": "SIMPLE_TABLE",
    "name": "eventMetrics",
    "displayName": "Event metrics (evmt_)",
    "help": "Numeric metrics of the event, e.g. value = 119.90. Sent as evmt_<name>. A value that is not a number sends the hit to the connector's rejected queue (reason invalid-metric). Rows with an empty value are left out.",
    "newRowButtonText": "Add metric",
    "simpleTableColumns": [
      {
        "defaultValue": "",
        "displayName": "Name",
        "name": "name",
        "type": "TEXT",
        "isUnique": true,
        "valueValidators": [
          {
            "type": "NON_EMPTY"
          }
        ]
      },
      {
        "defaultValue": "",
        "displayName": "Value",
        "name": "value",
        "type": "TEXT"
      }
    ]
  },
  {
    "type": "SIMPLE_TABLE",
    "name": "userAttributes",
    "displayName": "User attributes (usat_)",
    "help": "Endpoint user attributes, sent as usat_<name>. The connector ignores them unless its userAttributesEnabled prop is true. Rows with an empty value are left out.",
    "newRowButtonText": "Add user attribute",
    "simpleTableColumns": [
      {
        "defaultValue": "",
        "displayName": "Name",
        "name": "name",
        "type": "TEXT",
        "isUnique": true,
        "valueValidators": [
          {
            "type": "NON_EMPTY"
          }
        ]
      },
      {
        "defaultValue": "",
        "displayName": "Value",
        "name": "value",
        "type": "TEXT"
      }
    ]
  },
  {
    "type": "TEXT",
    "name": "pageUrl",
    "displayName": "Page URL",
    "simpleValueType": true,
    "defaultValue": "{{Page URL}}",
    "help": "The page's URL, sent as page_url (browsers send other sites only the page's origin as Referer). Leave empty to send none. For an anonymous count (consent not granted) only its origin and path are sent, never its query string or fragment, which can carry click ids."
  },
  {
    "type": "GROUP",
    "name": "consent",
    "displayName": "Consent",
    "groupStyle": "ZIPPY_OPEN",
    "subParams": [
      {
        "type": "SELECT",
        "name": "consentType",
        "displayName": "Consent type this tag needs",
        "macrosInSelect": false,
        "selectItems": [
          {
            "value": "analytics_storage",
            "displayValue": "analytics_storage"
          },
          {
            "value": "ad_storage",
            "displayValue": "ad_storage"
          },
          {
            "value": "ad_user_data",
            "displayValue": "ad_user_data"
          },
          {
            "value": "ad_personalization",
            "displayValue": "ad_personalization"
          }
        ],
        "simpleValueType": true,
        "defaultValue": "analytics_storage",
        "help": "The tag reads this consent type's state (GTM consent mode) every time it fires. Not set counts as not granted."
      },
      {
        "type": "RADIO",
        "name": "consentDeniedMode",
        "displayName": "When consent is not granted",
        "radioItems": [
          {
            "value": "skip",
            "displayValue": "Send nothing"
          },
          {
            "value": "anonymous",
            "displayValue": "Send an anonymous count",
            "help": "Sends the event with consent=denied and no identifier: no endpoint id, no signature, no user attributes, no session id, no authorizer token, and the page URL without its query string or fragment. The connector records it under the endpoint id anonymous. Needs a connector without an authorizer."
          }
        ],
        "simpleValueType": true,
        "defaultValue": "skip"
      }
    ]
  },
  {
    "type": "CHECKBOX",
    "name": "useCacheBuster",
    "checkboxText": "Enable cache busting (adds gtmcb=<random number>, which the connector ignores)",
    "simpleValueType": true,
    "defaultValue": true
  },
  {
    "type": "GROUP",
    "name": "advanced",
    "displayName": "Advanced",
    "groupStyle": "ZIPPY_CLOSED",
    "subParams": [
      {
        "type": "TEXT",
        "name": "sessionId",
        "displayName": "Session id",
        "simpleValueType": true,
        "help": "Optional session id (parameter session_id)."
      },
      {
        "type": "TEXT",
        "name": "eventId",
        "displayName": "Event id",
        "simpleValueType": true,
        "help": "Optional id of this one event (parameter event_id), so the copies of a tag that fires twice or of a retried beacon share one id to deduplicate on: e.g. the order id of a purchase, or an id your site pushes to the dataLayer with each event. At most 64 letters, digits, '.', '_' or '-'; anything else sends the hit to the rejected queue (reason invalid-event-id). Empty: the connector uses its request id."
      },
      {
        "type": "TEXT",
        "name": "authTokenParameter",
        "displayName": "Authorizer token parameter",
        "simpleValueType": true,
        "help": "Only for a connector with ConnectorAuthorization.lambda(...): the query parameter its Lambda authorizer reads, e.g. token. Leave empty otherwise. It must not be a contract parameter (event, endpoint_id, endpoint_sig, session_id, ts, gtmcb, consent, event_id, page_url, evat_*, evmt_*, usat_*): the tag then fails without sending.",
        "valueValidators": [
          {
            "type": "REGEX",
            "args": [
              "^[A-Za-z0-9._~-]*$"
            ],
            "errorMessage": "Letters, digits and . _ ~ - only"
          }
        ]
      },
      {
        "type": "TEXT",
        "name": "authTokenValue",
        "displayName": "Authorizer token",
        "simpleValueType": true,
        "help": "The token the Lambda authorizer validates, usually a variable. Sent only when the parameter name is set.",
        "enablingConditions": [
          {
            "paramName": "authTokenParameter",
            "paramValue": "",
            "type": "NOT_EQUALS"
          }
        ]
      }
    ]
  }
]


___SANDBOXED_JS_FOR_WEB_TEMPLATE___

// Builds the pixel URL of the pinpoint-gtm-connector parameter contract and fires it.
// Every name and value is encoded with encodeUriComponent, so no character in a value
// (& = # % + quotes, newlines, non-ASCII) can break the URL or add a parameter.
const sendPixel = require('sendPixel');
const encodeUriComponent = require('encodeUriComponent');
const generateRandom = require('generateRandom');
const getType = require('getType');
const isConsentGranted = require('isConsentGranted');
const makeString = require('makeString');

// GTM's Custom Image tag draws its cache buster from the same range.
const CACHE_BUSTER_MAX = 2147483647;

// undefined and null become '' (left out); everything else its string form.
const textOf = (value) => {
  const type = getType(value);
  if (type === 'undefined' || type === 'null') {
    return '';
  }
  return makeString(value);
};

const pairs = [];

// An empty value is left out: the connector treats an empty parameter as absent anyway.
const add = (name, value) => {
  const text = textOf(value);
  if (name === '' || text === '') {
    return;
  }
  pairs.push(encodeUriComponent(name) + '=' + encodeUriComponent(text));
};

const addRows = (prefix, rows) => {
  if (getType(rows) !== 'array') {
    return;
  }
  rows.forEach((row) => {
    const name = textOf(row.name);
    if (name !== '') {
      add(prefix + name, row.value);
    }
  });
};

// The page URL without its query string and fragment: what an anonymous count may carry.
const originAndPath = (url) => {
  let end = url.length;
  const query = url.indexOf('?');
  const fragment = url.indexOf('#');
  if (query >= 0) {
    end = query;
  }
  if (fragment >= 0 && fragment < end) {
    end = fragment;
  }
  return url.substring(0, end);
};

// A token parameter named like a contract parameter would replace it (API Gateway keeps one value per name).
const CONTRACT_NAMES = ['event', 'endpoint_id', 'endpoint_sig', 'session_id', 'ts', 'gtmcb', 'consent', 'event_id',
  'page_url'];
const CONTRACT_PREFIXES = ['evat_', 'evmt_', 'usat_'];
const authTokenParameter = textOf(data.authTokenParameter);
const tokenClashes = CONTRACT_NAMES.indexOf(authTokenParameter) >= 0
  || CONTRACT_PREFIXES.some((prefix) => authTokenParameter.indexOf(prefix) === 0);

// Not set counts as not granted. Without consent the tag sends nothing, or an anonymous count: no identifier at all.
const consentGranted = isConsentGranted(textOf(data.consentType) || 'analytics_storage') === true;
const anonymous = !consentGranted && data.consentDeniedMode === 'anonymous';

if (tokenClashes) {
  data.gtmOnFailure();
} else if (!consentGranted && !anonymous) {
  data.gtmOnSuccess();
} else {
  add('event', data.eventType);
  if (anonymous) {
    add('consent', 'denied');
  } else {
    add('endpoint_id', data.endpointId);
    add('endpoint_sig', data.endpointSignature);
  }
  addRows('evat_', data.eventAttributes);
  addRows('evmt_', data.eventMetrics);
  if (!anonymous) {
    addRows('usat_', data.userAttributes);
    add('session_id', data.sessionId);
  }
  add('event_id', data.eventId);
  const pageUrl = textOf(data.pageUrl);
  add('page_url', anonymous ? originAndPath(pageUrl) : pageUrl);
  if (authTokenParameter !== '' && !anonymous) {
    add(authTokenParameter, data.authTokenValue);
  }
  if (data.useCacheBuster) {
    add('gtmcb', generateRandom(1, CACHE_BUSTER_MAX));
  }
  const url = textOf(data.eventsUrl) + (pairs.length > 0 ? '?' + pairs.join('&') : '');
  sendPixel(url, data.gtmOnSuccess, data.gtmOnFailure);
}


___WEB_PERMISSIONS___

[
  {
    "instance": {
      "key": {
        "publicId": "send_pixel",
        "versionId": "1"
      },
      "param": [
        {
          "key": "allowedUrls",
          "value": {
            "type": 1,
            "string": "specific"
          }
        },
        {
          "key": "urls",
          "value": {
            "type": 2,
            "listItem": [
              {
                "type": 1,
                "string": "https://abc123.execute-api.eu-west-1.amazonaws.com/*"
              }
            ]
          }
        }
      ]
    },
    "clientAnnotations": {
      "isEditedByUser": true
    },
    "isRequired": true
  },
  {
    "instance": {
      "key": {
        "publicId": "access_consent",
        "versionId": "1"
      },
      "param": [
        {
          "key": "consentTypes",
          "value": {
            "type": 2,
            "listItem": [
              {
                "type": 3,
                "mapKey": [
                  {
                    "type": 1,
                    "string": "consentType"
                  },
                  {
                    "type": 1,
                    "string": "read"
                  },
                  {
                    "type": 1,
                    "string": "write"
                  }
                ],
                "mapValue": [
                  {
                    "type": 1,
                    "string": "analytics_storage"
                  },
                  {
                    "type": 8,
                    "boolean": true
                  },
                  {
                    "type": 8,
                    "boolean": false
                  }
                ]
              },
              {
                "type": 3,
                "mapKey": [
                  {
                    "type": 1,
                    "string": "consentType"
                  },
                  {
                    "type": 1,
                    "string": "read"
                  },
                  {
                    "type": 1,
                    "string": "write"
                  }
                ],
                "mapValue": [
                  {
                    "type": 1,
                    "string": "ad_storage"
                  },
                  {
                    "type": 8,
                    "boolean": true
                  },
                  {
                    "type": 8,
                    "boolean": false
                  }
                ]
              },
              {
                "type": 3,
                "mapKey": [
                  {
                    "type": 1,
                    "string": "consentType"
                  },
                  {
                    "type": 1,
                    "string": "read"
                  },
                  {
                    "type": 1,
                    "string": "write"
                  }
                ],
                "mapValue": [
                  {
                    "type": 1,
                    "string": "ad_user_data"
                  },
                  {
                    "type": 8,
                    "boolean": true
                  },
                  {
                    "type": 8,
                    "boolean": false
                  }
                ]
              },
              {
                "type": 3,
                "mapKey": [
                  {
                    "type": 1,
                    "string": "consentType"
                  },
                  {
                    "type": 1,
                    "string": "read"
                  },
                  {
                    "type": 1,
                    "string": "write"
                  }
                ],
                "mapValue": [
                  {
                    "type": 1,
                    "string": "ad_personalization"
                  },
                  {
                    "type": 8,
                    "boolean": true
                  },
                  {
                    "type": 8,
                    "boolean": false
                  }
                ]
              }
            ]
          }
        }
      ]
    },
    "clientAnnotations": {
      "isEditedByUser": true
    },
    "isRequired": true
  }
]


___TESTS___

scenarios:
- name: Builds the contract URL and reports success
  code: |-
    let sentUrl;
    mock('sendPixel', (url, onSuccess, onFailure) => {
      sentUrl = url;
      onSuccess();
    });

    runCode(renewal);

    assertThat(sentUrl).isEqualTo(EVENTS_URL + '?event=contract_renewal_due'
      + '&endpoint_id=customer-4711&evat_plan=pro-annual&evat_renewal_date=2026-12-31'
      + '&evmt_monthly_price=19.9&gtmcb=123456789');
    assertApi('generateRandom').wasCalledWith(1, 2147483647);
    assertApi('gtmOnSuccess').wasCalled();
    assertApi('gtmOnFailure').wasNotCalled();
- name: Encodes quotes, ampersands, equals signs, hashes, plus signs and unicode
  code: |-
    let sentUrl;
    mock('sendPixel', (url, onSuccess) => {
      sentUrl = url;
      onSuccess();
    });

    runCode({
      eventsUrl: EVENTS_URL,
      eventType: 'a&b=c',
      endpointId: 'O\'Brien "Jr" #1',
      eventAttributes: [{name: 'city name', value: 'Zürich & 東京 100%+'}],
      useCacheBuster: false
    });

    assertThat(sentUrl).isEqualTo(EVENTS_URL + '?event=a%26b%3Dc'
      + '&endpoint_id=O\'Brien%20%22Jr%22%20%231'
      + '&evat_city%20name=Z%C3%BCrich%20%26%20%E6%9D%B1%E4%BA%AC%20100%25%2B');
- name: Sends the endpoint signature right after the endpoint id
  code: |-
    let sentUrl;
    mock('sendPixel', (url, onSuccess) => {
      sentUrl = url;
      onSuccess();
    });

    runCode({
      eventsUrl: EVENTS_URL,
      eventType: 'purchase',
      endpointId: 'customer-4711',
      endpointSignature: 'E-o2r7WLa-U42AZbAOnCrFgQmsPdpfZAyWEplMd1E0A',
      useCacheBuster: false
    });

    assertThat(sentUrl).isEqualTo(EVENTS_URL + '?event=purchase&endpoint_id=customer-4711'
      + '&endpoint_sig=E-o2r7WLa-U42AZbAOnCrFgQmsPdpfZAyWEplMd1E0A');
- name: Leaves out empty and missing values and empty rows
  code: |-
    let sentUrl;
    mock('sendPixel', (url, onSuccess) => {
      sentUrl = url;
      onSuccess();
    });

    runCode({
      eventsUrl: EVENTS_URL,
      eventType: 'appointment_booked',
      endpointId: undefined,
      eventAttributes: [{name: 'location', value: ''}, {name: '', value: 'no name'}, {name: 'slot', value: null}],
      eventMetrics: [{name: 'duration_minutes', value: 30}],
      sessionId: '',
      useCacheBuster: false
    });

    assertThat(sentUrl).isEqualTo(EVENTS_URL + '?event=appointment_booked&evmt_duration_minutes=30');
    assertApi('generateRandom').wasNotCalled();
- name: Sends user attributes, session id and the authorizer token when configured
  code: |-
    let sentUrl;
    mock('sendPixel', (url, onSuccess) => {
      sentUrl = url;
      onSuccess();
    });

    runCode({
      eventsUrl: EVENTS_URL,
      eventType: 'appointment_booked',
      userAttributes: [{name: 'preferred_channel', value: 'sms'}],
      sessionId: 's-1',
      authTokenParameter: 'token',
      authTokenValue: 'eyJ.a+b/c=',
      useCacheBuster: false
    });

    assertThat(sentUrl).isEqualTo(EVENTS_URL + '?event=appointment_booked'
      + '&usat_preferred_channel=sms&session_id=s-1&token=eyJ.a%2Bb%2Fc%3D');
- name: Refuses an authorizer token parameter that would replace a contract parameter
  code: |-
    runCode({
      eventsUrl: EVENTS_URL,
      eventType: 'appointment_booked',
      authTokenParameter: 'event',
      authTokenValue: 'forged',
      useCacheBuster: false
    });

    assertApi('sendPixel').wasNotCalled();
    assertApi('gtmOnFailure').wasCalled();
- name: Reads the configured consent type and sends page_url and event_id when consent is granted
  code: |-
    let sentUrl;
    mock('sendPixel', (url, onSuccess) => {
      sentUrl = url;
      onSuccess();
    });
    mock('isConsentGranted', (consentType) => consentType === 'ad_user_data');

    runCode({
      eventsUrl: EVENTS_URL,
      eventType: 'purchase',
      endpointId: 'customer-4711',
      sessionId: 's-1',
      eventId: 'pl-1.12',
      pageUrl: 'https://www.example.com/p?utm_source=news&gclid=abc#top',
      consentType: 'ad_user_data',
      useCacheBuster: false
    });

    assertApi('isConsentGranted').wasCalledWith('ad_user_data');
    assertThat(sentUrl).isEqualTo(EVENTS_URL + '?event=purchase&endpoint_id=customer-4711&session_id=s-1'
      + '&event_id=pl-1.12&page_url=https%3A%2F%2Fwww.example.com%2Fp%3Futm_source%3Dnews%26gclid%3Dabc%23top');
    assertApi('gtmOnSuccess').wasCalled();
- name: Sends nothing and reports success when consent is not granted
  code: |-
    mock('isConsentGranted', false);

    runCode(renewal);

    assertApi('isConsentGranted').wasCalledWith('analytics_storage');
    assertApi('sendPixel').wasNotCalled();
    assertApi('generateRandom').wasNotCalled();
    assertApi('gtmOnSuccess').wasCalled();
    assertApi('gtmOnFailure').wasNotCalled();
- name: Sends an anonymous count without any identifier in the anonymous-count mode
  code: |-
    let sentUrl;
    mock('sendPixel', (url, onSuccess) => {
      sentUrl = url;
      onSuccess();
    });
    mock('isConsentGranted', false);

    runCode({
      eventsUrl: EVENTS_URL,
      eventType: 'purchase',
      endpointId: 'customer-4711',
      endpointSignature: 'E-o2r7WLa-U42AZbAOnCrFgQmsPdpfZAyWEplMd1E0A',
      eventAttributes: [{name: 'plan', value: 'pro'}],
      userAttributes: [{name: 'email', value: 'jane@example.com'}],
      sessionId: 's-1',
      eventId: 'pl-1.12',
      pageUrl: 'https://www.example.com/p?gclid=abc#top',
      authTokenParameter: 'token',
      authTokenValue: 'eyJ.a+b/c=',
      consentDeniedMode: 'anonymous',
      useCacheBuster: false
    });

    assertThat(sentUrl).isEqualTo(EVENTS_URL + '?event=purchase&consent=denied&evat_plan=pro'
      + '&event_id=pl-1.12&page_url=https%3A%2F%2Fwww.example.com%2Fp');
    assertApi('gtmOnSuccess').wasCalled();
- name: Reports failure when the pixel fails to load
  code: |-
    mock('sendPixel', (url, onSuccess, onFailure) => {
      onFailure();
    });

    runCode(renewal);

    assertApi('sendPixel').wasCalled();
    assertApi('gtmOnFailure').wasCalled();
    assertApi('gtmOnSuccess').wasNotCalled();
setup: |-
  const EVENTS_URL = 'https://abc123.execute-api.eu-west-1.amazonaws.com/prod/events';
  const renewal = {
    eventsUrl: EVENTS_URL,
    eventType: 'contract_renewal_due',
    endpointId: 'customer-4711',
    eventAttributes: [{name: 'plan', value: 'pro-annual'}, {name: 'renewal_date', value: '2026-12-31'}],
    eventMetrics: [{name: 'monthly_price', value: 19.9}],
    userAttributes: [],
    useCacheBuster: true
  };
  mock('generateRandom', 123456789);
  mock('isConsentGranted', true);


___NOTES___

Part of pinpoint-gtm-connector (Apache License 2.0). Guide: docs/gtm.md in the repository.
