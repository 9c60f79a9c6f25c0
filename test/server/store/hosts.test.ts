import { describe, expect, it } from 'vitest';
import { parseHosts } from '../../../server/store/engine/postgres/hosts.ts';

describe('a multi-host PostgreSQL URL', () => {
  it('gives one URL per host with the same account, database and parameters', () => {
    expect(
      parseHosts(
        'postgres://app:s3cret@db1:5432,db2:5433/huiyin?target_session_attrs=read-write&sslmode=disable',
      ),
    ).toEqual({
      urls: [
        'postgres://app:s3cret@db1:5432/huiyin?sslmode=disable',
        'postgres://app:s3cret@db2:5433/huiyin?sslmode=disable',
      ],
      readWrite: true,
    });
  });

  it('leaves a one-host URL as it is', () => {
    const url = 'postgres://app@db1:5432/huiyin';
    expect(parseHosts(url)).toEqual({ urls: [url], readWrite: false });
  });
});
