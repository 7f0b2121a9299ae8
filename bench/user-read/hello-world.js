// The baseline: the least an Express app can do per request.
const express = require('express');

const app = express();
app.get('/hello', (_req, res) => {
  res.json({ hello: 'world' });
});
app.listen(Number(process.env.PORT), '127.0.0.1');
