// What the operator reads when the API says no: the server's code turned into words, with the server's own
// message kept when it already says what is wrong in plain words.
const WORDS = {
  invalid_credentials: 'Wrong user name or password.',
  unauthorized: 'Your session has ended. Please log in again.',
  forbidden: 'You are not allowed to do this.',
  url_expired: 'The video link has expired. Open the camera again.',
  not_found: 'It is not there (any more).',
  conflict: 'That conflicts with something that already exists.',
  payload_too_large: 'That is too large for the server to accept.',
  not_live: 'The camera is not sending video right now.',
  not_ready: 'The server is not ready (starting, stopping or recovering). Try again in a moment.',
  insufficient_storage: 'The server\'s disk is full: nothing can be saved until an administrator frees space. Viewing still works.',
  decode_failed: 'The camera sent video the server cannot decode.',
  internal_error: 'The server ran into a problem. Try again; if it goes on, tell your administrator.',
  range_not_satisfiable: 'That part of the recording does not exist.',
  network: 'The server cannot be reached. Check the network connection.',
};

/** Words for an API error: the server's message (already meant for people) after our own sentence for the code. */
export function describeError(status, code, message, fields) {
  const base = WORDS[code];
  if (code === 'validation_failed' || code === 'bad_request' || code === 'invalid_json') {
    return 'Please check your input: ' + (fieldText(fields) || message || 'the server did not accept it.');
  }
  const detail = message || fieldText(fields) || '';
  if (code === 'not_found' || code === 'conflict' || code === 'not_live' || code === 'forbidden') {
    return detail ? capital(detail) + '.' : base;
  }
  if (base) return base;
  if (status >= 500) return WORDS.internal_error;
  return detail ? capital(detail) + '.' : `The server answered ${status}.`;
}

function fieldText(fields) {
  if (!fields) return '';
  return Object.entries(fields).map(([k, v]) => `${k}: ${v}`).join('; ');
}

function capital(s) {
  const t = s.replace(/\.$/, '');
  return t.charAt(0).toUpperCase() + t.slice(1);
}
