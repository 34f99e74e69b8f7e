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
        "name": "authTokenParameter",
        "displayName": "Authorizer token parameter",
        "simpleValueType": true,
        "help": "Only for a connector with ConnectorAuthorization.lambda(...): the query parameter its Lambda authorizer reads, e.g. token. Leave empty otherwise. It must not be a contract parameter (event, endpoint_id, endpoint_sig, session_id, ts, gtmcb, evat_*, evmt_*, usat_*): the tag then fails without sending.",
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

// A token parameter named like a contract parameter would replace it (API Gateway keeps one value per name).
const CONTRACT_NAMES = ['event', 'endpoint_id', 'endpoint_sig', 'session_id', 'ts', 'gtmcb'];
const CONTRACT_PREFIXES = ['evat_', 'evmt_', 'usat_'];
const authTokenParameter = textOf(data.authTokenParameter);
const tokenClashes = CONTRACT_NAMES.indexOf(authTokenParameter) >= 0
  || CONTRACT_PREFIXES.some((prefix) => authTokenParameter.indexOf(prefix) === 0);

if (tokenClashes) {
  data.gtmOnFailure();
} else {
  add('event', data.eventType);
  add('endpoint_id', data.endpointId);
  add('endpoint_sig', data.endpointSignature);
  addRows('evat_', data.eventAttributes);
  addRows('evmt_', data.eventMetrics);
  addRows('usat_', data.userAttributes);
  add('session_id', data.sessionId);
  if (authTokenParameter !== '') {
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


___NOTES___

Part of pinpoint-gtm-connector (Apache License 2.0). Guide: docs/gtm.md in the repository.
