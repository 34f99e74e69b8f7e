#!/usr/bin/env node
// Runs the sandboxed JavaScript of a GTM custom tag template (.tpl) outside GTM, for tests.
//
//   node gtm-sandbox.js run   <template.tpl>   reads {"cases": [...]} on stdin, prints {"results": [...]}
//   node gtm-sandbox.js tests <template.tpl>   runs the template's ___TESTS___, prints {"scenarios": [...]}
//
// Like GTM, it wraps the ___SANDBOXED_JS_FOR_WEB_TEMPLATE___ section as a function body with `data` and
// `require`, runs it in a fresh realm without the browser's or JavaScript's globals (no window, no
// encodeURIComponent, no JSON, Math, String, ...), so the template can only use the APIs it requires.
// The stand-ins below follow GTM's documented behaviour; sendPixel also enforces the template's send_pixel
// permission. Only the APIs this project's template uses are provided; any other require() fails loudly.
'use strict';

const fs = require('fs');
const vm = require('vm');

const SECTION = /^___([A-Z_]+)___$/;

function sections(templateText) {
  const result = {};
  let name = null;
  for (const line of templateText.split(/\r?\n/)) {
    const header = SECTION.exec(line);
    if (header) {
      name = header[1];
      result[name] = [];
    } else if (name !== null) {
      result[name].push(line);
    }
  }
  for (const key of Object.keys(result)) {
    result[key] = result[key].join('\n').trim();
  }
  return result;
}

// Every global a fresh realm has (the language's built-ins: JSON, Math, String, encodeURIComponent, eval, ...)
// except the values undefined, NaN and Infinity. GTM's sandbox offers none of them.
const REALM_GLOBALS = vm.runInContext('Object.getOwnPropertyNames(globalThis)', vm.createContext({}))
  .filter((name) => !['undefined', 'NaN', 'Infinity'].includes(name) && /^[A-Za-z_$][\w$]*$/.test(name));

// Compiles code as a function body of the given parameters in a fresh realm, with every global shadowed by
// an undefined binding, and `this` an empty object (never the realm's global object).
function sandboxedFunction(parameters, body, fileName) {
  const source = '(function(' + REALM_GLOBALS.join(', ') + ') {\n'
    + '  return function(' + parameters.join(', ') + ') {\n' + body + '\n};\n})';
  const inner = new vm.Script(source, { filename: fileName }).runInContext(vm.createContext({}))();
  return function () {
    return inner.apply(Object.freeze({}), arguments);
  };
}

// send_pixel URL patterns: scheme and host exact ("*." before the host also allows its subdomains);
// in the path (query included), "*" matches any characters.
function urlAllowed(url, patterns) {
  const target = /^([a-z]+):\/\/([^/?#]+)(.*)$/i.exec(url);
  if (!target) {
    return false;
  }
  return patterns.some((pattern) => {
    const parts = /^([a-z]+):\/\/([^/]+)(\/.*)$/i.exec(pattern);
    if (!parts || parts[1].toLowerCase() !== target[1].toLowerCase()) {
      return false;
    }
    const host = target[2].toLowerCase();
    const patternHost = parts[2].toLowerCase();
    const hostMatches = patternHost.startsWith('*.')
      ? host === patternHost.slice(2) || host.endsWith(patternHost.slice(1))
      : host === patternHost;
    const path = target[3] === '' ? '/' : target[3];
    const pathPattern = new RegExp('^' + parts[3].split('*')
      .map((piece) => piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$');
    return hostMatches && pathPattern.test(path);
  });
}

function sendPixelPatterns(permissionsJson) {
  const permissions = JSON.parse(permissionsJson);
  const sendPixel = permissions.find((permission) => permission.instance.key.publicId === 'send_pixel');
  if (!sendPixel) {
    return { any: false, urls: [] };
  }
  const param = (key) => (sendPixel.instance.param || []).find((p) => p.key === key);
  const allowed = param('allowedUrls');
  if (allowed && allowed.value.string === 'any') {
    return { any: true, urls: [] };
  }
  const urls = param('urls');
  return { any: false, urls: urls ? urls.value.listItem.map((item) => item.string) : [] };
}

// access_consent: the consent types the template may read.
function readableConsentTypes(permissionsJson) {
  const permissions = JSON.parse(permissionsJson);
  const access = permissions.find((permission) => permission.instance.key.publicId === 'access_consent');
  const types = access && (access.instance.param || []).find((p) => p.key === 'consentTypes');
  if (!types) {
    return [];
  }
  return types.value.listItem.filter((item) => {
    const read = item.mapKey.findIndex((key) => key.string === 'read');
    return read >= 0 && item.mapValue[read].boolean === true;
  }).map((item) => item.mapValue[item.mapKey.findIndex((key) => key.string === 'consentType')].string);
}

function getType(value) {
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return 'array';
  }
  return typeof value;
}

// The sandbox APIs, as GTM documents them. `random` is the number generateRandom returns (the real one is
// random); `pixelOutcome` is how the browser's image load ends: 'success', 'failure' or 'pending'; `consent` maps
// a consent type to 'granted' or 'denied' (a type not in it is unset).
function standardApis(template, options) {
  const pixelPatterns = sendPixelPatterns(template.WEB_PERMISSIONS || '[]');
  const consentTypes = readableConsentTypes(template.WEB_PERMISSIONS || '[]');
  const pending = [];
  return {
    pending,
    apis: {
      encodeUriComponent: (text) => encodeURIComponent(text),
      makeString: (value) => String(value),
      getType,
      // GTM: true only when the type's state is granted; denied and not set are both false.
      isConsentGranted: (consentType) => {
        if (!consentTypes.includes(consentType)) {
          throw new Error('access_consent permission denied for reading ' + consentType + ' (readable: '
            + consentTypes.join(', ') + ')');
        }
        return (options.consent || {})[consentType] === 'granted';
      },
      generateRandom: (min, max) => {
        if (!Number.isInteger(min) || !Number.isInteger(max) || min > max) {
          throw new Error('generateRandom needs integers min <= max, got ' + min + ', ' + max);
        }
        const value = options.random;
        if (!Number.isInteger(value) || value < min || value > max) {
          throw new Error('the harness random value ' + value + ' is outside [' + min + ', ' + max + ']');
        }
        return value;
      },
      sendPixel: (url, onSuccess, onFailure) => {
        if (typeof url !== 'string') {
          throw new Error('sendPixel needs a string URL, got ' + getType(url));
        }
        if (!pixelPatterns.any && !urlAllowed(url, pixelPatterns.urls)) {
          throw new Error('send_pixel permission denied for ' + url + ' (allowed: '
            + pixelPatterns.urls.join(', ') + ')');
        }
        options.onPixel(url);
        // The browser reports the image load later, never during the tag's own run.
        if (options.pixelOutcome === 'success' && typeof onSuccess === 'function') {
          pending.push(onSuccess);
        } else if (options.pixelOutcome === 'failure' && typeof onFailure === 'function') {
          pending.push(onFailure);
        }
      },
    },
  };
}

function requireFrom(apis, wrap) {
  return (name) => {
    if (!Object.prototype.hasOwnProperty.call(apis, name)) {
      throw new Error('require(\'' + name + '\'): not provided by this harness');
    }
    return wrap ? wrap(name, apis[name]) : apis[name];
  };
}

function runCases(template, input) {
  const code = template.SANDBOXED_JS_FOR_WEB_TEMPLATE;
  return input.cases.map((testCase) => {
    const pixels = [];
    const outcomes = [];
    try {
      const { pending, apis } = standardApis(template, {
        random: testCase.random,
        consent: testCase.consent,
        pixelOutcome: testCase.pixelOutcome || 'success',
        onPixel: (url) => pixels.push(url),
      });
      const data = Object.assign({}, testCase.data, {
        gtmOnSuccess: () => outcomes.push('success'),
        gtmOnFailure: () => outcomes.push('failure'),
      });
      sandboxedFunction(['data', 'require'], code, 'template.js')(data, requireFrom(apis));
      pending.splice(0).forEach((callback) => callback());
      return { name: testCase.name, pixels, outcomes, error: null };
    } catch (error) {
      return { name: testCase.name, pixels, outcomes, error: String(error && error.message || error) };
    }
  });
}

// ___TESTS___ is YAML of this exact shape (as GTM's template editor writes it):
// scenarios:\n- name: <text>\n  code: |-\n    <lines indented by 4>\n...\nsetup: |-\n  <lines indented by 2>
function parseTests(text) {
  const lines = text.split('\n');
  const scenarios = [];
  let setup = '';
  let i = 0;
  const block = (indent) => {
    const body = [];
    while (i < lines.length && (lines[i].trim() === '' || lines[i].startsWith(' '.repeat(indent)))) {
      body.push(lines[i].slice(indent));
      i++;
    }
    return body.join('\n').replace(/\s+$/, '');
  };
  if (lines[i] === 'scenarios: []') {
    i++;
  } else if (lines[i] === 'scenarios:') {
    i++;
    while (i < lines.length && lines[i].startsWith('- name: ')) {
      const name = lines[i].slice('- name: '.length).trim();
      i++;
      if (lines[i] !== '  code: |-') {
        throw new Error('___TESTS___: expected "  code: |-" after scenario "' + name + '", found: ' + lines[i]);
      }
      i++;
      scenarios.push({ name, code: block(4) });
    }
  } else {
    throw new Error('___TESTS___ must start with "scenarios:", found: ' + lines[i]);
  }
  if (i < lines.length && lines[i] === 'setup: |-') {
    i++;
    setup = block(2);
  } else if (i < lines.length && /^setup: (''|"")?$/.test(lines[i])) {
    i++;
  }
  if (i < lines.length && lines.slice(i).some((line) => line.trim() !== '')) {
    throw new Error('___TESTS___: unexpected line: ' + lines[i]);
  }
  return { scenarios, setup };
}

function deepEqual(a, b) {
  if (a === b) {
    return true;
  }
  if (getType(a) !== getType(b) || typeof a !== 'object' || a === null) {
    return false;
  }
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  return keysA.length === keysB.length && keysA.every((key) => deepEqual(a[key], b[key]));
}

function show(value) {
  return typeof value === 'function' ? 'a function' : JSON.stringify(value);
}

// GTM's test API: runCode, mock, assertApi, assertThat, fail. Every API the template requires (and
// gtmOnSuccess / gtmOnFailure) is recorded, so assertApi can check its calls.
function runScenario(template, setup, scenario) {
  const calls = {};
  const mocks = {};
  const record = (name, implementation) => function () {
    const args = Array.prototype.slice.call(arguments);
    (calls[name] = calls[name] || []).push(args);
    if (Object.prototype.hasOwnProperty.call(mocks, name)) {
      const mocked = mocks[name];
      return typeof mocked === 'function' ? mocked.apply(null, args) : mocked;
    }
    return implementation ? implementation.apply(null, args) : undefined;
  };
  // In a test, the default sendPixel only records (GTM sends nothing from tests); mock it to call back.
  const { apis } = standardApis(template, { random: undefined, pixelOutcome: 'pending', onPixel: () => {} });
  const runCode = (data) => {
    const withCallbacks = Object.assign({}, data, {
      gtmOnSuccess: record('gtmOnSuccess'),
      gtmOnFailure: record('gtmOnFailure'),
    });
    sandboxedFunction(['data', 'require'], template.SANDBOXED_JS_FOR_WEB_TEMPLATE, 'template.js')(
      withCallbacks, requireFrom(apis, (name, implementation) => record(name, implementation)));
  };
  const mock = (name, returnValueOrImplementation) => {
    mocks[name] = returnValueOrImplementation;
  };
  const fail = (message) => {
    throw new Error(message || 'fail() was called');
  };
  const assertApi = (name) => ({
    wasCalled: () => {
      if (!calls[name]) fail('expected ' + name + ' to be called');
    },
    wasNotCalled: () => {
      if (calls[name]) fail('expected ' + name + ' not to be called, was called with ' + show(calls[name]));
    },
    wasCalledWith: function () {
      const expected = Array.prototype.slice.call(arguments);
      if (!(calls[name] || []).some((args) => deepEqual(args, expected))) {
        fail('expected ' + name + ' to be called with ' + show(expected) + ', calls: ' + show(calls[name] || []));
      }
    },
  });
  const assertThat = (actual) => ({
    isEqualTo: (expected) => {
      if (!deepEqual(actual, expected)) fail('expected ' + show(expected) + ' but was ' + show(actual));
    },
    isNotEqualTo: (unexpected) => {
      if (deepEqual(actual, unexpected)) fail('expected a value other than ' + show(unexpected));
    },
    isUndefined: () => {
      if (actual !== undefined) fail('expected undefined but was ' + show(actual));
    },
    isDefined: () => {
      if (actual === undefined) fail('expected a defined value');
    },
    isTrue: () => {
      if (actual !== true) fail('expected true but was ' + show(actual));
    },
    isFalse: () => {
      if (actual !== false) fail('expected false but was ' + show(actual));
    },
  });
  try {
    sandboxedFunction(['runCode', 'mock', 'assertApi', 'assertThat', 'fail', 'require'],
      setup + '\n' + scenario.code, 'scenario.js')(runCode, mock, assertApi, assertThat, fail, requireFrom(apis));
    return { name: scenario.name, passed: true, error: null };
  } catch (error) {
    return { name: scenario.name, passed: false, error: String(error && error.message || error) };
  }
}

function main(argv) {
  const [mode, templatePath] = argv;
  if (!['run', 'tests'].includes(mode) || !templatePath) {
    throw new Error('usage: gtm-sandbox.js run|tests <template.tpl>');
  }
  const template = sections(fs.readFileSync(templatePath, 'utf8'));
  if (!template.SANDBOXED_JS_FOR_WEB_TEMPLATE) {
    throw new Error(templatePath + ' has no ___SANDBOXED_JS_FOR_WEB_TEMPLATE___ section');
  }
  if (mode === 'run') {
    const input = JSON.parse(fs.readFileSync(0, 'utf8'));
    return { results: runCases(template, input) };
  }
  const tests = parseTests(template.TESTS || '');
  return { scenarios: tests.scenarios.map((scenario) => runScenario(template, tests.setup, scenario)) };
}

try {
  process.stdout.write(JSON.stringify(main(process.argv.slice(2))) + '\n');
} catch (error) {
  process.stderr.write(String(error && error.stack || error) + '\n');
  process.exit(2);
}
