// China's provincial-level divisions (GB/T 2260 two-digit codes) with the coordinates of each
// capital, used as the point of a province when nothing more precise is known (an order address
// gives a province; a warehouse may give its own coordinates). Kept as data, not logic.

export interface Province {
  /** GB/T 2260 code of the division, two digits ("44" = 广东). */
  code: string;
  nameZh: string;
  nameEn: string;
  /** Latitude and longitude of the capital, degrees, WGS-84, two decimals. */
  lat: number;
  lng: number;
}

export const PROVINCES: readonly Province[] = [
  { code: '11', nameZh: '北京', nameEn: 'Beijing', lat: 39.9, lng: 116.41 },
  { code: '12', nameZh: '天津', nameEn: 'Tianjin', lat: 39.13, lng: 117.2 },
  { code: '13', nameZh: '河北', nameEn: 'Hebei', lat: 38.04, lng: 114.51 },
  { code: '14', nameZh: '山西', nameEn: 'Shanxi', lat: 37.87, lng: 112.55 },
  { code: '15', nameZh: '内蒙古', nameEn: 'Inner Mongolia', lat: 40.84, lng: 111.75 },
  { code: '21', nameZh: '辽宁', nameEn: 'Liaoning', lat: 41.81, lng: 123.43 },
  { code: '22', nameZh: '吉林', nameEn: 'Jilin', lat: 43.82, lng: 125.32 },
  { code: '23', nameZh: '黑龙江', nameEn: 'Heilongjiang', lat: 45.8, lng: 126.53 },
  { code: '31', nameZh: '上海', nameEn: 'Shanghai', lat: 31.23, lng: 121.47 },
  { code: '32', nameZh: '江苏', nameEn: 'Jiangsu', lat: 32.06, lng: 118.8 },
  { code: '33', nameZh: '浙江', nameEn: 'Zhejiang', lat: 30.27, lng: 120.16 },
  { code: '34', nameZh: '安徽', nameEn: 'Anhui', lat: 31.82, lng: 117.23 },
  { code: '35', nameZh: '福建', nameEn: 'Fujian', lat: 26.07, lng: 119.3 },
  { code: '36', nameZh: '江西', nameEn: 'Jiangxi', lat: 28.68, lng: 115.86 },
  { code: '37', nameZh: '山东', nameEn: 'Shandong', lat: 36.65, lng: 117.12 },
  { code: '41', nameZh: '河南', nameEn: 'Henan', lat: 34.75, lng: 113.63 },
  { code: '42', nameZh: '湖北', nameEn: 'Hubei', lat: 30.59, lng: 114.31 },
  { code: '43', nameZh: '湖南', nameEn: 'Hunan', lat: 28.23, lng: 112.94 },
  { code: '44', nameZh: '广东', nameEn: 'Guangdong', lat: 23.13, lng: 113.26 },
  { code: '45', nameZh: '广西', nameEn: 'Guangxi', lat: 22.82, lng: 108.37 },
  { code: '46', nameZh: '海南', nameEn: 'Hainan', lat: 20.04, lng: 110.35 },
  { code: '50', nameZh: '重庆', nameEn: 'Chongqing', lat: 29.56, lng: 106.55 },
  { code: '51', nameZh: '四川', nameEn: 'Sichuan', lat: 30.57, lng: 104.07 },
  { code: '52', nameZh: '贵州', nameEn: 'Guizhou', lat: 26.65, lng: 106.63 },
  { code: '53', nameZh: '云南', nameEn: 'Yunnan', lat: 25.04, lng: 102.71 },
  { code: '54', nameZh: '西藏', nameEn: 'Tibet', lat: 29.65, lng: 91.17 },
  { code: '61', nameZh: '陕西', nameEn: 'Shaanxi', lat: 34.34, lng: 108.94 },
  { code: '62', nameZh: '甘肃', nameEn: 'Gansu', lat: 36.06, lng: 103.83 },
  { code: '63', nameZh: '青海', nameEn: 'Qinghai', lat: 36.62, lng: 101.78 },
  { code: '64', nameZh: '宁夏', nameEn: 'Ningxia', lat: 38.49, lng: 106.23 },
  { code: '65', nameZh: '新疆', nameEn: 'Xinjiang', lat: 43.83, lng: 87.62 },
  { code: '71', nameZh: '台湾', nameEn: 'Taiwan', lat: 25.03, lng: 121.57 },
  { code: '81', nameZh: '香港', nameEn: 'Hong Kong', lat: 22.32, lng: 114.17 },
  { code: '82', nameZh: '澳门', nameEn: 'Macao', lat: 22.2, lng: 113.54 },
];

const SUFFIXES = /(省|市|自治区|壮族自治区|回族自治区|维吾尔自治区|特别行政区)$/u;
const byKey = new Map<string, Province>();
for (const p of PROVINCES) {
  byKey.set(p.code, p);
  byKey.set(`${p.code}0000`, p);
  byKey.set(p.nameZh, p);
  byKey.set(p.nameEn.toLowerCase(), p);
}

/**
 * The province a region string names: a GB/T 2260 code ("44", or a six-digit code of any place in
 * it, "440300" = 深圳), or a name in Chinese with or without its suffix ("广东省", "新疆维吾尔自治区")
 * or English ("Guangdong"). Undefined when it names none.
 */
export function resolveProvince(region: string): Province | undefined {
  const s = region.trim();
  if (/^\d{6}$/.test(s) || /^\d{2}$/.test(s)) return byKey.get(s.slice(0, 2));
  return byKey.get(s) ?? byKey.get(s.replace(SUFFIXES, '')) ?? byKey.get(s.toLowerCase());
}
