// telegram-test-api 4.2.1 behind a thin Express layer that makes it speak the Bot API as
// python-telegram-bot 22 expects it. Usage: node emulator.js PORT  (prints "READY PORT").
// Needs NODE_PATH pointing at the node_modules where telegram-test-api is installed.
//
// What the layer fixes (see shared notes, e2e-testing.md):
//  1. getMe lacks is_bot                   -> answered here, id taken from the token
//  2. sent messages: date in ms, no `from` -> rewritten
//  3. callback queries lack chat_instance  -> added in getUpdates
//  4. no files: getFile and /file/bot<token>/uploads/<id> serve the bytes a test stored
//     with /_test/file (what a user's uploaded photo would be)
//  5. edits: the emulator keeps the old keyboard when a new text comes without one, never
//     removes a keyboard, answers null and edits any bot's message -> editMessageText and
//     editMessageReplyMarkup are answered here as Telegram does: the edited Message, or
//     400 "message to edit not found" / "message is not modified". Each edit is recorded
//     for the tests (/_test/edits), as the emulator's client API shows none.
// It also stubs harmless methods the emulator lacks (setMyCommands, sendChatAction…),
// answers 401 for a malformed token like Telegram, turns errors into Bot API JSON, and adds
// test-only routes under /_test (redeliver an update, read the command menu).
'use strict';

const express = require('express');
const TelegramServer = require('telegram-test-api');

const port = Number(process.argv[2] || 9000);
const server = new TelegramServer({ port, host: '127.0.0.1', storeTimeout: 3600 });
const app = express();
const commands = {}; // token -> {scope: commands}
const files = {}; // file_id -> Buffer
const edits = []; // {token, chatId, messageId, message, isRead}, in the order they were made
const TOKEN = /^(\d+):[A-Za-z0-9_-]{3,}$/;
const STUBS = new Set([
  'setMyCommands', 'deleteMyCommands', 'sendChatAction', 'setChatMenuButton',
  'setMyDescription', 'setMyShortDescription', 'close', 'logOut',
]);

function botUser(token) {
  return {
    id: Number(TOKEN.exec(token)[1]),
    is_bot: true,
    first_name: 'Mentor',
    username: 'MentorTestBot',
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
  };
}

function fixMessage(message, token) {
  if (!message || typeof message !== 'object') return message;
  const chatId = Number(message.chat ? message.chat.id : message.chat_id);
  const chat = chatId < 0
    ? { id: chatId, type: 'group', title: 'Groupe de test' }
    : { id: chatId, type: 'private', first_name: 'Test' };
  return {
    message_id: message.message_id,
    date: message.date > 1e11 ? Math.floor(message.date / 1000) : message.date,
    chat,
    from: botUser(token),
    text: message.text,
    reply_markup: message.reply_markup,
  };
}

function parsed(value) {
  return typeof value === 'string' ? JSON.parse(value) : value;
}

function badRequest(res, description) {
  res.status(400).json({ ok: false, error_code: 400, description: `Bad Request: ${description}` });
}

// editMessageText / editMessageReplyMarkup as Telegram answers them (fix 5).
function edit(req, res, token, method) {
  const body = { ...req.query, ...req.body };
  const stored = server.storage.botMessages.find((u) => u.botToken === token
    && String(u.messageId) === String(body.message_id)
    && String(u.message.chat_id) === String(body.chat_id));
  if (!stored) {
    badRequest(res, 'message to edit not found');
    return;
  }
  const next = { ...stored.message };
  if (method === 'editMessageText') {
    next.text = body.text;
    next.parse_mode = body.parse_mode;
  }
  const markup = body.reply_markup ? parsed(body.reply_markup) : undefined;
  if (markup && markup.inline_keyboard && markup.inline_keyboard.length) next.reply_markup = markup;
  else delete next.reply_markup;
  const same = next.text === stored.message.text
    && JSON.stringify(next.reply_markup || null) === JSON.stringify(stored.message.reply_markup || null);
  if (same) {
    badRequest(res, 'message is not modified: specified new message content and reply markup '
      + 'are exactly the same as a current content and reply markup of the message');
    return;
  }
  stored.message = next;
  edits.push({ token, chatId: String(body.chat_id), messageId: stored.messageId, message: next, isRead: false });
  const date = Math.floor(stored.time / 1000);
  res.json({ ok: true, result: fixMessage({ ...next, message_id: stored.messageId, date }, token) });
}

function fixUpdate(update) {
  const query = update.callback_query;
  if (query && !query.chat_instance) {
    query.chat_instance = String(query.message && query.message.chat ? query.message.chat.id : 0);
  }
  return update;
}

app.use(express.json({ limit: '2mb' }));
app.use(express.urlencoded({ extended: true }));

app.all('/bot:token/:method', (req, res, next) => {
  const { token, method } = req.params;
  if (!TOKEN.test(token)) {
    res.status(401).json({ ok: false, error_code: 401, description: 'Unauthorized' });
    return;
  }
  if (method === 'getMe') {
    res.json({ ok: true, result: botUser(token) });
    return;
  }
  if (method === 'getFile') {
    const fileId = { ...req.query, ...req.body }.file_id;
    const bytes = files[fileId];
    if (!bytes) {
      res.status(400).json({ ok: false, error_code: 400, description: 'Bad Request: invalid file_id' });
      return;
    }
    res.json({
      ok: true,
      result: {
        file_id: fileId, file_unique_id: fileId, file_size: bytes.length,
        file_path: `uploads/${encodeURIComponent(fileId)}`,
      },
    });
    return;
  }
  if (method === 'editMessageText' || method === 'editMessageReplyMarkup') {
    edit(req, res, token, method);
    return;
  }
  if (STUBS.has(method)) {
    if (method === 'setMyCommands') {
      const body = { ...req.query, ...req.body };
      const scope = body.scope ? JSON.parse(body.scope).type : 'default';
      const list = typeof body.commands === 'string' ? JSON.parse(body.commands) : body.commands;
      commands[token] = { ...(commands[token] || {}), [scope]: list };
    }
    res.json({ ok: true, result: true });
    return;
  }
  const json = res.json.bind(res);
  res.json = (body) => {
    if (body && body.ok === undefined) { // the emulator's own error format: {message}
      const code = res.statusCode === 500 ? 400 : res.statusCode;
      res.status(code);
      return json({ ok: false, error_code: code, description: body.message || 'Error' });
    }
    if (body && body.ok) {
      if (method === 'getUpdates') body.result = body.result.map(fixUpdate);
      else if (method === 'sendMessage') body.result = fixMessage(body.result, token);
    }
    return json(body);
  };
  next();
});

// Test-only: put an already delivered update back in the queue (a duplicate delivery).
app.post('/_test/redeliver', (req, res) => {
  const update = server.storage.userMessages.find(
    (u) => u.botToken === req.body.token && u.updateId === Number(req.body.updateId),
  );
  if (update) update.isRead = false;
  res.json({ ok: Boolean(update) });
});

// Test-only: the user updates stored for a bot (to learn update ids).
app.post('/_test/userUpdates', (req, res) => {
  const list = server.storage.userMessages.filter((u) => u.botToken === req.body.token);
  res.json({ ok: true, result: list.map((u) => ({ updateId: u.updateId, isRead: u.isRead })) });
});

// Test-only: the bytes behind a file_id.
app.post('/_test/file', (req, res) => {
  files[req.body.fileId] = Buffer.from(req.body.base64, 'base64');
  res.json({ ok: true });
});

app.get('/file/bot:token/uploads/:fileId', (req, res) => {
  const bytes = files[req.params.fileId];
  if (!bytes) { res.status(404).end(); return; }
  res.type('application/octet-stream').send(bytes);
});

// Test-only: the edits made in a chat since the last call, each with the message as it
// became (what Telegram clients show in place of the old one).
app.post('/_test/edits', (req, res) => {
  const found = edits.filter((e) => e.token === req.body.token && !e.isRead
    && e.chatId === String(req.body.chatId));
  found.forEach((e) => { e.isRead = true; });
  res.json({ ok: true, result: found.map((e) => ({ messageId: e.messageId, message: e.message })) });
});

app.post('/_test/commands', (req, res) => {
  res.json({ ok: true, result: commands[req.body.token] || {} });
});

app.use(server.webServer);

const http = app.listen(port, '127.0.0.1', () => {
  process.stdout.write(`READY ${port}\n`);
});
const stop = () => http.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
