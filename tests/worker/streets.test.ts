import { describe, expect, it } from 'vitest';
import { get } from './api';

describe('GET /api/v1/streets', () => {
  it("lists Beijing's 343 township-level units with their districts", async () => {
    const { status, body } = await get('/api/v1/streets');
    expect(status).toBe(200);
    expect(body.meta.count).toBe(343);
    expect(body.data).toHaveLength(343);
    expect(body.data).toContainEqual({
      code: '110105017',
      name: '劲松街道',
      district_code: '110105',
      district_name: '朝阳区',
    });
    expect(new Set(body.data.map((s: { district_code: string }) => s.district_code)).size).toBe(16);
  });

  it('leaves development zones out', async () => {
    const { body } = await get('/api/v1/streets?district_code=110115');
    expect(body.data.map((s: { name: string }) => s.name)).not.toContain('北京经济技术开发区');
    expect(body.data.every((s: { district_name: string }) => s.district_name === '大兴区')).toBe(true);
  });

  it('rejects a malformed district code with a problem naming the parameter', async () => {
    const { status, type, body } = await get('/api/v1/streets?district_code=abc');
    expect(status).toBe(400);
    expect(type).toContain('application/problem+json');
    expect(body.invalid_params[0].name).toBe('district_code');
  });
});
