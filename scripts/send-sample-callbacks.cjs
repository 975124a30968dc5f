// Sends WeCom-style signed and encrypted callbacks to a WeCom Guard callback URL, using the official @wecom/crypto
// package, retrying non-200 answers as WeCom does (three retries). Usage: node send-sample-callbacks.cjs URL TOKEN AESKEY CORPID
'use strict';
const crypto = require('crypto');
const { encrypt, getSignature } = require('@wecom/crypto');

const [url, token, aesKey, corpId] = process.argv.slice(2);
const now = () => String(Math.floor(Date.now() / 1000));
const nonce = () => String(crypto.randomInt(1e9));

async function send(plaintext, { forge = false } = {}) {
  for (let attempt = 0; attempt < 4; attempt += 1) {
    const ciphered = encrypt(aesKey, plaintext, corpId);
    const ts = now();
    const n = nonce();
    const signature = forge ? '0'.repeat(40) : getSignature(token, ts, n, ciphered);
    const body = `<xml><ToUserName><![CDATA[${corpId}]]></ToUserName><Encrypt><![CDATA[${ciphered}]]></Encrypt><AgentID><![CDATA[]]></AgentID></xml>`;
    const response = await fetch(`${url}?msg_signature=${signature}&timestamp=${ts}&nonce=${n}`, { method: 'POST', body });
    if (response.status === 200 || forge) return response.status;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return 'gave up';
}

async function verifyUrl() {
  const echo = String(crypto.randomInt(1e14));
  const echostr = encrypt(aesKey, echo, corpId);
  const ts = now();
  const n = nonce();
  const signature = getSignature(token, ts, n, echostr);
  const response = await fetch(`${url}?msg_signature=${signature}&timestamp=${ts}&nonce=${n}&echostr=${encodeURIComponent(echostr)}`);
  const text = await response.text();
  return `${response.status} ${text === echo ? 'echo matches' : 'echo MISMATCH'}`;
}

const event = (fields) => `<xml><ToUserName><![CDATA[${corpId}]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName>` +
  `<CreateTime>${now()}</CreateTime><MsgType><![CDATA[event]]></MsgType>${fields}</xml>`;

(async () => {
  console.log(`URL verification (GET): ${await verifyUrl()}`);
  const samples = [
    ['member created', event('<Event><![CDATA[change_contact]]></Event><ChangeType>create_user</ChangeType><UserID><![CDATA[zhangsan]]></UserID>')],
    ['member updated', event('<Event><![CDATA[change_contact]]></Event><ChangeType>update_user</ChangeType><UserID><![CDATA[lisi]]></UserID>')],
    ['member deleted', event('<Event><![CDATA[change_contact]]></Event><ChangeType>delete_user</ChangeType><UserID><![CDATA[wangwu]]></UserID>')],
    ['customer group renamed', event('<Event><![CDATA[change_external_chat]]></Event><ChatId><![CDATA[wrOgQhDgAAcwMTB7YmDkbeBsgT_AAAA]]></ChatId><ChangeType>update</ChangeType><UpdateDetail>change_name</UpdateDetail>')],
    ['message to the app', `<xml><ToUserName><![CDATA[${corpId}]]></ToUserName><FromUserName><![CDATA[zhangsan]]></FromUserName><CreateTime>${now()}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[你好]]></Content><MsgId>${crypto.randomInt(1e12)}</MsgId><AgentID>1000002</AgentID></xml>`],
  ];
  for (const [name, plaintext] of samples) {
    console.log(`${name}: ${await send(plaintext)}`);
  }
  console.log(`member created, delivered again (WeCom retry): ${await send(samples[0][1])}`);
  console.log(`forged signature: ${await send(samples[1][1], { forge: true })} (expected 401)`);
})().catch((error) => { console.error(error); process.exit(1); });
