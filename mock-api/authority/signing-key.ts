/**
 * The authority's RS256 key pair and the partner's tenant id, made once and kept beside the database
 * (`<db>.signing-key.json`, git-ignored like the database): tokens issued before a restart stay valid after it,
 * and the tenant id stays the same for this database.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { type CryptoKey, calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import { writeJsonFile } from './json-file';

export interface SigningKey {
  kid: string;
  /** The partner's tenant: the `tid` of every token, the grantor of every self-serve policy. */
  tid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  publicJwk: JWK;
}

interface KeyFile {
  tid: string;
  kid: string;
  privateJwk: JWK;
}

export const signingKeyPath = (dbPath: string) => `${dbPath}.signing-key.json`;

function readKeyFile(path: string): KeyFile {
  try {
    const file = JSON.parse(readFileSync(path, 'utf8')) as KeyFile;
    if (typeof file.tid === 'string' && typeof file.kid === 'string' && file.privateJwk?.kty === 'RSA') return file;
  } catch {
    // reported below
  }
  throw new Error(
    `${path} is not a signing key file. Delete it to make a new key (every token issued so far stops working).`,
  );
}

export async function loadSigningKey(dbPath: string): Promise<SigningKey> {
  const path = signingKeyPath(dbPath);
  if (!existsSync(path)) {
    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    const privateJwk = await exportJWK(privateKey);
    writeJsonFile(path, {
      tid: randomUUID(),
      kid: await calculateJwkThumbprint(privateJwk),
      privateJwk,
    } satisfies KeyFile);
  }
  const { tid, kid, privateJwk } = readKeyFile(path);
  const { kty, n, e } = privateJwk;
  const publicJwk: JWK = { kty, n, e, kid, alg: 'RS256', use: 'sig' };
  return {
    kid,
    tid,
    privateKey: (await importJWK(privateJwk, 'RS256')) as CryptoKey,
    publicKey: (await importJWK(publicJwk, 'RS256')) as CryptoKey,
    publicJwk,
  };
}
