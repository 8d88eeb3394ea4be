import { z } from 'zod';

/**
 * Shape of `resources/regions/<areaCode>.json`: one district (区/县) with its
 * street-level units (街道/镇/乡/特殊区域) and communities (居委会/村委会).
 *
 * All codes use the 12-digit 统计用区划代码 form so every level sorts and joins
 * the same way, and so the prefix of a code always identifies its parent.
 */

export const STREET_KINDS = ['街道', '镇', '乡', '特殊区域'] as const;
export const COMMUNITY_KINDS = ['居委会', '村委会', '其他'] as const;

export type StreetKind = (typeof STREET_KINDS)[number];
export type CommunityKind = (typeof COMMUNITY_KINDS)[number];

const code12 = z.string().regex(/^\d{12}$/, 'expected a 12-digit 统计用区划代码');

export const districtSchema = z.strictObject({
  code: code12.regex(/^\d{6}000000$/, 'a district code ends with 000000'),
  name: z.string().min(1),
  cityName: z.string().min(1),
});

export const streetSchema = z.strictObject({
  code: code12.regex(/^\d{9}000$/, 'a street code ends with 000'),
  name: z.string().min(1),
  kind: z.enum(STREET_KINDS),
});

export const communitySchema = z.strictObject({
  code: code12,
  name: z.string().min(1),
  streetCode: code12,
  kind: z.enum(COMMUNITY_KINDS),
});

/**
 * Cross-record checks live in the schema (not only in tests) because the app
 * may import a district file generated elsewhere; a dangling streetCode or a
 * duplicated code would otherwise surface much later as a broken tree.
 */
export const districtFileSchema = z
  .strictObject({
    source: z.string().min(1),
    district: districtSchema,
    streets: z.array(streetSchema).min(1),
    communities: z.array(communitySchema),
  })
  .superRefine((file, ctx) => {
    const districtPrefix = file.district.code.slice(0, 6);
    const seen = new Set<string>([file.district.code]);
    const streetCodes = new Set<string>();

    file.streets.forEach((street, i) => {
      if (seen.has(street.code)) {
        ctx.addIssue({ code: 'custom', message: `duplicate code ${street.code}`, path: ['streets', i, 'code'] });
      }
      seen.add(street.code);
      streetCodes.add(street.code);
      if (!street.code.startsWith(districtPrefix)) {
        ctx.addIssue({ code: 'custom', message: `street ${street.code} is outside district ${file.district.code}`, path: ['streets', i, 'code'] });
      }
    });

    file.communities.forEach((community, i) => {
      if (seen.has(community.code)) {
        ctx.addIssue({ code: 'custom', message: `duplicate code ${community.code}`, path: ['communities', i, 'code'] });
      }
      seen.add(community.code);
      if (!streetCodes.has(community.streetCode)) {
        ctx.addIssue({ code: 'custom', message: `unknown streetCode ${community.streetCode}`, path: ['communities', i, 'streetCode'] });
      } else if (community.code.slice(0, 9) !== community.streetCode.slice(0, 9)) {
        ctx.addIssue({ code: 'custom', message: `community ${community.code} does not belong to ${community.streetCode}`, path: ['communities', i, 'code'] });
      }
    });
  });

export type DistrictFile = z.infer<typeof districtFileSchema>;
export type District = DistrictFile['district'];
export type Street = DistrictFile['streets'][number];
export type Community = DistrictFile['communities'][number];
