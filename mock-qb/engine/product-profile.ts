/** A QuickBooks edition, as the AuthFlags bits name them. */
export type Edition = 'SimpleStart' | 'Pro' | 'Premier' | 'Enterprise';

/** What QuickBooks product the simulated machine runs (HostRet and the edition checks read it). */
export interface ProductProfile {
  id: string;
  /** `HostRet/ProductName`, e.g. `QuickBooks Pro 2014`. */
  productName: string;
  edition: Edition;
  year: number;
  /** `HostRet/MajorVersion` (year − 1990 on the one data point we have: Pro 2014 → 24). */
  majorVersion: number;
  minorVersion: number;
  country: 'US' | 'CA' | 'UK';
  /** `HostRet/SupportedQBXMLVersion`, oldest first. */
  qbxmlVersions: readonly string[];
}

const UP_TO_13 = [
  '1.0',
  '1.1',
  '2.0',
  '2.1',
  '3.0',
  '4.0',
  '4.1',
  '5.0',
  '6.0',
  '7.0',
  '8.0',
  '9.0',
  '10.0',
  '11.0',
  '12.0',
  '13.0',
];

function profile(id: string, productName: string, edition: Edition, year: number, lastVersion: string): ProductProfile {
  const idx = UP_TO_13.indexOf(lastVersion);
  return {
    id,
    productName,
    edition,
    year,
    majorVersion: year - 1990,
    minorVersion: 0,
    country: 'US',
    qbxmlVersions: UP_TO_13.slice(0, idx + 1),
  };
}

/**
 * Selectable product profiles. The default is US QuickBooks Pro 2014 (MajorVersion 24,
 * qbXML 1.0–13.0): it matches the real captures and the 13.0 schema the processor implements.
 */
export const PRODUCT_PROFILES: Readonly<Record<string, ProductProfile>> = {
  'pro-2014': profile('pro-2014', 'QuickBooks Pro 2014', 'Pro', 2014, '13.0'),
  'premier-2014': profile('premier-2014', 'QuickBooks Premier Edition 2014', 'Premier', 2014, '13.0'),
  'enterprise-14': profile('enterprise-14', 'QuickBooks Enterprise Solutions 14.0', 'Enterprise', 2014, '13.0'),
  'simple-start-2014': profile('simple-start-2014', 'QuickBooks Simple Start 2014', 'SimpleStart', 2014, '13.0'),
  'pro-2013': profile('pro-2013', 'QuickBooks Pro 2013', 'Pro', 2013, '12.0'),
  'pro-2012': profile('pro-2012', 'QuickBooks Pro 2012', 'Pro', 2012, '11.0'),
};

export const DEFAULT_PRODUCT_PROFILE = 'pro-2014';
