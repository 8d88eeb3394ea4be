import { z } from 'zod';

/**
 * Schema for resources/catalogue.json, the default 物资指导目录 seeded into a
 * new installation. Bureaus edit the catalogue afterwards, so this describes
 * the shipped file, not every item a user may create later.
 */

export const CATALOGUE_CATEGORIES = [
  '生活类',
  '救生类',
  '照明类',
  '食品饮水',
  '医疗防疫',
  '防汛',
  '工具',
  '通信',
  '电力',
] as const;

/**
 * Code prefix per category (pinyin initials, e.g. SH = 生活). Keeping codes
 * grouped by category lets staff recognise an item from its code on paper forms.
 */
export const CATEGORY_CODE_PREFIX: Record<CatalogueCategory, string> = {
  生活类: 'SH',
  救生类: 'JS',
  照明类: 'ZM',
  食品饮水: 'SP',
  医疗防疫: 'YL',
  防汛: 'FX',
  工具: 'GJ',
  通信: 'TX',
  电力: 'DL',
};

/** Counting units (量词). 张 is included because beds and mats are counted in 张. */
export const CATALOGUE_UNITS = ['顶', '床', '张', '件', '条', '箱', '台', '个', '只', '套', '袋', '双', '桶', '把'] as const;

export type CatalogueCategory = (typeof CATALOGUE_CATEGORIES)[number];
export type CatalogueUnit = (typeof CATALOGUE_UNITS)[number];

export const catalogueItemSchema = z
  .strictObject({
    code: z.string().regex(/^[A-Z]{2}-\d{3}$/, 'expected a code like SH-001'),
    name: z.string().min(1),
    category: z.enum(CATALOGUE_CATEGORIES),
    unit: z.enum(CATALOGUE_UNITS),
    spec: z.string().min(1),
    /** null = durable goods; otherwise days from production date to expiry. */
    shelfLifeDays: z.int().positive().nullable(),
    /** Whether issued stock is expected back (equipment) or consumed/handed out. */
    returnable: z.boolean(),
    lotTracked: z.boolean(),
    /** Reference price in yuan per unit, used for valuation reports. */
    unitPrice: z.number().positive(),
    /** Code in the national 应急物资分类及编码 scheme, once one is assigned. */
    nationalCode: z.string().min(1).nullable(),
  })
  // Expiry dates belong to production lots, so an item with a shelf life cannot
  // be tracked without lots — otherwise FEFO rotation and expiry alerts break.
  .refine((item) => item.shelfLifeDays === null || item.lotTracked, {
    message: 'an item with a shelf life must be lot-tracked',
    path: ['lotTracked'],
  });

export const catalogueSchema = z.array(catalogueItemSchema).superRefine((items, ctx) => {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.code)) ctx.addIssue({ code: 'custom', message: `duplicate code ${item.code}`, path: [i, 'code'] });
    seen.add(item.code);
  });
});

export type CatalogueItem = z.infer<typeof catalogueItemSchema>;
export type Catalogue = z.infer<typeof catalogueSchema>;
