/**
 * Where the mock's data lives on disk. Skeleton version: one JSON file, written atomically
 * (temp file, fsync, rename) when it is created or reset.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AuditEntry, Customer } from '@/domain/schemas';
import { seedCustomers } from './seed';

export interface Data {
  customers: Customer[];
  auditLog: AuditEntry[];
}

export interface OpenOptions {
  path: string;
  seed?: number;
  seedValue?: number;
  reset?: boolean;
}

export const DEFAULT_SEED_COUNT = 1000;

export function writeAtomically(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.tmp`;
  const fd = openSync(temp, 'w');
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
}

export function openDatabase({ path, seed, seedValue = 1, reset = false }: OpenOptions): Data {
  if (seed === undefined && !reset && existsSync(path)) return JSON.parse(readFileSync(path, 'utf8')) as Data;
  const data: Data = { customers: seedCustomers(seed ?? DEFAULT_SEED_COUNT, seedValue), auditLog: [] };
  writeAtomically(path, JSON.stringify(data));
  return data;
}
