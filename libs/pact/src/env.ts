// Pact's npm package reports anonymous usage unless told not to; a test run never phones home.
process.env['PACT_DO_NOT_TRACK'] = 'true';
