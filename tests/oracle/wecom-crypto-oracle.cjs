// An independent oracle for WeCom Guard's callback crypto: the official @wecom/crypto package.
// Reads a JSON array of operations on stdin and writes a JSON array of results on stdout.
//   { "op": "encrypt", "key", "message", "id", "token", "timestamp", "nonce" } -> { "encrypt", "signature" }
//   { "op": "decrypt", "key", "encrypt" } -> { "message", "id" }
//   { "op": "sign", "token", "timestamp", "nonce", "encrypt" } -> { "signature" }
'use strict';
const { encrypt, decrypt, getSignature } = require('@wecom/crypto');

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
  const results = JSON.parse(input).map((op) => {
    try {
      switch (op.op) {
        case 'encrypt': {
          const ciphertext = encrypt(op.key, op.message, op.id);
          return { encrypt: ciphertext, signature: getSignature(op.token, op.timestamp, op.nonce, ciphertext) };
        }
        case 'decrypt': {
          const { message, id } = decrypt(op.key, op.encrypt);
          return { message, id };
        }
        case 'sign':
          return { signature: getSignature(op.token, op.timestamp, op.nonce, op.encrypt) };
        default:
          return { error: `unknown op ${op.op}` };
      }
    } catch (error) {
      return { error: String(error && error.message) };
    }
  });
  process.stdout.write(JSON.stringify(results));
});
