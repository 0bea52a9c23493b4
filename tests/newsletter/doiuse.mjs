// Reads an HTML mail on stdin; prints doiuse-email's verdict for one client group as JSON.
import { doIUseEmail } from '@jsx-email/doiuse-email';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const html = Buffer.concat(chunks).toString('utf8');
const result = doIUseEmail(html, { emailClients: process.argv.slice(2) });
console.log(JSON.stringify(result));
