import { describe, expect, it } from 'vitest';
import type { ProductAttributes } from './listing.js';
import { localListingGenerator, rankFeatures, writeListing } from './local-engine.js';

const backpack: ProductAttributes = {
  category: '背包',
  brand: '京造',
  material: '尼龙',
  size: '20L',
  color: '黑色',
  features: ['大容量', '防水', 'USB充电口', '轻便'],
};

describe('the local listing engine', () => {
  it('writes a Chinese title and selling points, best-selling features first', () => {
    expect(writeListing(backpack, 'zh')).toEqual({
      title: '京造 防水轻便尼龙背包 黑色 20L',
      sellingPoints: [
        '防水面料，雨天出行不怕湿',
        '轻量设计，长时间携带不累',
        '大容量分区收纳，物品一目了然',
        'USB充电口，细节用心',
        '尼龙材质，黑色配色，20L规格，品质可靠',
      ],
    });
  });

  it('writes English from the same attributes, translating known words and leaving out untranslatable ones', () => {
    expect(writeListing(backpack, 'en')).toEqual({
      title: '京造 Waterproof Lightweight Nylon Backpack, Black, 20L',
      sellingPoints: [
        'Waterproof fabric keeps everything dry in the rain',
        'Lightweight design you can carry all day',
        'Roomy compartments keep things organised',
        'Made of nylon, in black, size 20L',
      ],
    });
  });

  it('understands English attributes for the Chinese listing too', () => {
    const bottle = {
      category: 'insulated bottle',
      brand: 'Thermo',
      material: 'stainless steel',
      size: '500ml',
      color: 'white',
      features: ['Insulated', 'gift', 'leak-proof lid'],
    };
    expect(writeListing(bottle, 'zh').title).toBe('Thermo 长效保温礼盒装不锈钢保温杯 白色 500ml');
    expect(writeListing(bottle, 'en')).toEqual({
      title: 'Thermo Insulated Gift-Boxed Stainless Steel Insulated Bottle, White, 500ml',
      sellingPoints: [
        'Keeps drinks hot for hours, even in winter',
        'Comes in a gift box, ready to give',
        'Leak-Proof Lid, down to the details',
        'Made of stainless steel, in white, size 500ml',
      ],
    });
  });

  it('gives the same text for the same attributes, every time', async () => {
    const first = await localListingGenerator.generate(backpack, 'zh');
    for (let run = 0; run < 5; run += 1) {
      expect(
        await localListingGenerator.generate({ ...backpack, features: [...backpack.features] }, 'zh'),
      ).toEqual(first);
    }
  });

  it('keeps titles within the marketplace limits by dropping size, then colour', () => {
    const long = { ...backpack, brand: '京东京造官方旗舰店联名款', size: '35L加大号', color: '午夜深空黑色' };
    const title = writeListing(long, 'zh').title;
    expect([...title].length).toBeLessThanOrEqual(30);
    expect(title).toBe('京东京造官方旗舰店联名款 防水轻便尼龙背包 午夜深空黑色');
    expect(writeListing({ ...long, color: '午夜深空渐变极光黑色' }, 'zh').title).toBe(
      '京东京造官方旗舰店联名款 防水轻便尼龙背包',
    );
    expect(writeListing({ ...backpack, features: [] }, 'en').title.length).toBeLessThanOrEqual(80);
  });

  it('ranks known features by weight, merges synonyms and keeps the merchant’s order on ties', () => {
    expect(
      rankFeatures(['可机洗', 'soft', '轻便', 'Lightweight', '透气', '速干', ' ']).map((f) => f.text),
    ).toEqual(['轻便', '透气', '速干', '可机洗', 'soft']);
  });
});
