import { expect, test } from 'vitest';
import { originPattern, parseApiAddress } from '@/services/settings/api-address';

test('only http and https addresses are API addresses', () => {
  expect(parseApiAddress(' https://api.example.com:8443/x ')?.origin).toBe('https://api.example.com:8443');
  expect(parseApiAddress('http://localhost:3000')?.origin).toBe('http://localhost:3000');
  for (const bad of ['', 'localhost:3000', 'ftp://example.com', 'javascript:alert(1)', 'http://'])
    expect(parseApiAddress(bad), bad).toBeNull();
});

test('the host permission asked for is the host, any port (match patterns have none)', () => {
  expect(originPattern(new URL('https://api.example.com:8443/x'))).toBe('https://api.example.com/*');
  expect(originPattern(new URL('http://10.0.0.5:3000'))).toBe('http://10.0.0.5/*');
});
