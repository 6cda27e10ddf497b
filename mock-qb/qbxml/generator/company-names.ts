/**
 * Word lists the company generator builds realistic US small-business records from: vendor trades (each with the
 * expense account its bills post to and a typical bill amount), surnames and place words for business names, people's
 * first names, streets and cities. Every value fits the qbXML field it goes into (vendor names ≤ 41 characters).
 */

/** A `|`-separated list. */
const list = (items: string): readonly string[] => items.split('|');

/** An expense account the generator adds to the chart of accounts (beside the defaults of a new company). */
export interface GeneratedAccount {
  name: string;
  type: 'Expense' | 'CostOfGoodsSold' | 'OtherExpense';
  desc?: string;
}

/** Expense accounts beyond the defaults (`Office Supplies`, `Rent Expense`, `Utilities`). */
export const EXPENSE_ACCOUNTS: readonly GeneratedAccount[] = [
  { name: 'Advertising and Promotion', type: 'Expense' },
  { name: 'Automobile Expense', type: 'Expense' },
  { name: 'Bank Service Charges', type: 'Expense' },
  { name: 'Computer and Internet Expenses', type: 'Expense' },
  { name: 'Contract Labor', type: 'Expense' },
  { name: 'Cost of Goods Sold', type: 'CostOfGoodsSold', desc: 'Costs of items purchased and then sold to customers' },
  { name: 'Dues and Subscriptions', type: 'Expense' },
  { name: 'Equipment Rental', type: 'Expense' },
  { name: 'Freight and Shipping Costs', type: 'Expense' },
  { name: 'Insurance Expense', type: 'Expense' },
  { name: 'Janitorial Expense', type: 'Expense' },
  { name: 'Meals and Entertainment', type: 'Expense' },
  { name: 'Postage and Delivery', type: 'Expense' },
  { name: 'Printing and Reproduction', type: 'Expense' },
  { name: 'Professional Fees', type: 'Expense' },
  { name: 'Repairs and Maintenance', type: 'Expense' },
  { name: 'Telephone Expense', type: 'Expense' },
  { name: 'Travel Expense', type: 'Expense' },
  { name: 'Uniforms', type: 'Expense' },
  { name: 'Penalties and Settlements', type: 'OtherExpense' },
];

/** What a kind of vendor sells: words for its name, the account its bills post to, a median bill line in dollars. */
export interface Trade {
  words: readonly string[];
  account: string;
  median: number;
  /** Contractors get `IsVendorEligibleFor1099`. */
  contractor?: boolean;
  /** Memos their bill lines carry now and then. */
  memos: readonly string[];
}

export const TRADES: readonly Trade[] = [
  {
    words: ['Office Supply', 'Office Products', 'Stationers', 'Paper Co'],
    account: 'Office Supplies',
    median: 140,
    memos: ['Copy paper', 'Toner cartridges', 'Desk supplies', 'Breakroom supplies'],
  },
  {
    words: ['Properties', 'Realty', 'Property Management', 'Land Holdings'],
    account: 'Rent Expense',
    median: 3200,
    memos: ['Monthly rent', 'CAM charges', 'Parking'],
  },
  {
    words: ['Electric', 'Power & Light', 'Gas Company', 'Water District', 'Energy'],
    account: 'Utilities',
    median: 420,
    memos: ['Electric service', 'Gas service', 'Water and sewer', 'Trash removal'],
  },
  {
    words: ['Media', 'Marketing', 'Advertising', 'Sign Co', 'Creative'],
    account: 'Advertising and Promotion',
    median: 650,
    memos: ['Print ad', 'Online campaign', 'Trade show booth', 'Banner signs'],
  },
  {
    words: ['Auto Service', 'Fleet Services', 'Tire & Auto', 'Motors'],
    account: 'Automobile Expense',
    median: 380,
    memos: ['Oil change', 'Fleet maintenance', 'Tires', 'Fuel'],
  },
  {
    words: ['Computer Services', 'IT Solutions', 'Software', 'Networks', 'Web Hosting'],
    account: 'Computer and Internet Expenses',
    median: 520,
    memos: ['Software licenses', 'Managed IT services', 'Hosting', 'Laptop'],
  },
  {
    words: ['Staffing', 'Temps', 'Labor Services'],
    account: 'Contract Labor',
    median: 1800,
    contractor: true,
    memos: ['Temporary staff', 'Week ending', 'Overtime hours'],
  },
  {
    words: ['Supply', 'Wholesale', 'Distributors', 'Materials', 'Lumber', 'Steel', 'Packaging', 'Manufacturing'],
    account: 'Cost of Goods Sold',
    median: 2400,
    memos: ['Inventory purchase', 'Raw materials', 'Parts', 'Restock', 'Special order'],
  },
  {
    words: ['Association', 'Publishing', 'Journal'],
    account: 'Dues and Subscriptions',
    median: 220,
    memos: ['Annual membership', 'Subscription renewal'],
  },
  {
    words: ['Equipment Rental', 'Rentals', 'Lift & Crane'],
    account: 'Equipment Rental',
    median: 900,
    memos: ['Forklift rental', 'Scaffolding', 'Generator rental'],
  },
  {
    words: ['Freight', 'Logistics', 'Trucking', 'Transport', 'Express'],
    account: 'Freight and Shipping Costs',
    median: 480,
    memos: ['LTL freight', 'Inbound shipping', 'Expedited delivery', 'Fuel surcharge'],
  },
  {
    words: ['Insurance', 'Insurance Agency', 'Mutual'],
    account: 'Insurance Expense',
    median: 1250,
    memos: ['General liability', 'Workers comp', 'Property insurance', 'Premium installment'],
  },
  {
    words: ['Janitorial', 'Cleaning Services', 'Building Services'],
    account: 'Janitorial Expense',
    median: 600,
    memos: ['Nightly cleaning', 'Carpet cleaning', 'Window washing'],
  },
  {
    words: ['Catering', 'Grill', 'Bakery', 'Deli'],
    account: 'Meals and Entertainment',
    median: 180,
    memos: ['Staff lunch', 'Client meeting', 'Holiday party'],
  },
  {
    words: ['Courier', 'Mail Services', 'Delivery'],
    account: 'Postage and Delivery',
    median: 95,
    memos: ['Postage', 'Courier', 'Overnight delivery'],
  },
  {
    words: ['Printing', 'Print Shop', 'Graphics', 'Press'],
    account: 'Printing and Reproduction',
    median: 310,
    memos: ['Business cards', 'Brochures', 'Letterhead', 'Catalog print run'],
  },
  {
    words: ['CPA', 'Law Group', 'Legal Services', 'Consulting', 'Advisors', 'Associates', 'Accounting'],
    account: 'Professional Fees',
    median: 1500,
    contractor: true,
    memos: ['Tax preparation', 'Legal services', 'Consulting hours', 'Monthly retainer', 'Audit fees'],
  },
  {
    words: ['Plumbing', 'HVAC', 'Roofing', 'Electrical Contractors', 'Landscaping', 'Maintenance', 'Glass'],
    account: 'Repairs and Maintenance',
    median: 560,
    contractor: true,
    memos: ['Service call', 'Repair', 'Preventive maintenance', 'Parts and labor'],
  },
  {
    words: ['Wireless', 'Telecom', 'Communications', 'Telephone'],
    account: 'Telephone Expense',
    median: 260,
    memos: ['Phone service', 'Mobile lines', 'Internet service'],
  },
  {
    words: ['Travel', 'Tours', 'Airlines', 'Hotel'],
    account: 'Travel Expense',
    median: 700,
    memos: ['Airfare', 'Hotel', 'Conference travel'],
  },
  {
    words: ['Uniform', 'Workwear', 'Linen Service'],
    account: 'Uniforms',
    median: 240,
    memos: ['Uniform rental', 'Safety gear'],
  },
];

/** Weights of the trades (how common each kind of vendor is), in TRADES order. */
export const TRADE_WEIGHTS: readonly number[] = [8, 3, 4, 5, 4, 6, 3, 22, 2, 3, 7, 3, 3, 2, 2, 3, 8, 8, 3, 2, 2];

export const SURNAMES: readonly string[] = list(
  'Adams|Allen|Anderson|Bailey|Baker|Barnes|Bell|Bennett|Brooks|Brown|Bryant|Butler|Campbell|' +
    'Carter|Clark|Coleman|Collins|Cook|Cooper|Cox|Davis|Diaz|Edwards|Evans|Fisher|Flores|Foster|' +
    'Garcia|Gonzalez|Gray|Green|Griffin|Hall|Harris|Hayes|Henderson|Hill|Howard|Hughes|Jackson|James|' +
    'Jenkins|Johnson|Jones|Kelly|King|Lee|Lewis|Long|Lopez|Martin|Martinez|Miller|Mitchell|Moore|' +
    'Morgan|Morris|Murphy|Nelson|Nguyen|Ortiz|Parker|Patel|Perez|Perry|Peterson|Phillips|Powell|' +
    'Price|Ramirez|Reed|Reyes|Richardson|Rivera|Roberts|Robinson|Rodriguez|Rogers|Ross|Russell|' +
    'Sanchez|Sanders|Scott|Simmons|Smith|Stewart|Sullivan|Taylor|Thomas|Thompson|Torres|Turner|' +
    'Walker|Ward|Washington|Watson|White|Williams|Wilson|Wood|Wright|Young|Abbott|Barton|Chandler|' +
    "Donovan|Fletcher|Gallagher|Hoffman|Keller|Lindqvist|McAllister|Novak|O'Brien|Pruitt|Quinn|" +
    'Schneider|Tanaka|Vasquez|Weber|Yamamoto|Zimmerman|Becker|Castillo|Dunn|Ellis|Ferguson|Graham|' +
    'Hansen|Ingram|Jensen|Kowalski|Larsen|Marsh|Norris|Olsen|Porter|Rhodes|Shaw|Tucker|Underwood|' +
    'Vaughn|Wagner|York',
);

/** Place and image words for business names ("Riverside", "Summit"). */
export const PLACE_WORDS: readonly string[] = list(
  'Acme|Alpine|American|Apex|Atlantic|Bay Area|Bayside|Beacon|Blue Ridge|Capital|Cascade|Cedar|' +
    'Central|Coastal|Continental|Crescent|Crown|Delta|Diamond|Eagle|Eastside|Empire|Evergreen|Falcon|' +
    'First Choice|Frontier|Golden State|Granite|Great Lakes|Gulf Coast|Harbor|Heartland|Heritage|' +
    'Highland|Horizon|Independence|Keystone|Lakeside|Liberty|Lone Star|Main Street|Maple|Meridian|' +
    'Metro|Midwest|Mountain View|National|North Star|Northern|Oak Valley|Pacific|Park Avenue|Patriot|' +
    'Peak|Pinnacle|Pioneer|Premier|Prairie|Quality|Redwood|Reliable|Riverside|Rocky Mountain|Royal|' +
    'Sierra|Silver Creek|Southern|Sterling|Summit|Sunbelt|Sunrise|Superior|Tri-County|Tristate|' +
    'United|Valley|Victory|Westside|Willow|Windy City',
);

/** Legal-form suffixes of business names (the empty string: none). */
export const SUFFIXES: readonly (readonly [string, number])[] = [
  ['', 40],
  [' Inc.', 14],
  [' LLC', 16],
  [' Co.', 8],
  [' Corp.', 5],
  [' & Sons', 3],
  [' Group', 4],
  [' Ltd.', 2],
  [' of America', 1],
  [' Services', 4],
  [' Partners', 3],
];

export const FIRST_NAMES: readonly string[] = list(
  'James|Mary|Robert|Patricia|John|Jennifer|Michael|Linda|David|Elizabeth|William|Barbara|Richard|' +
    'Susan|Joseph|Jessica|Thomas|Sarah|Charles|Karen|Christopher|Lisa|Daniel|Nancy|Matthew|Betty|' +
    'Anthony|Sandra|Mark|Margaret|Donald|Ashley|Steven|Kimberly|Paul|Emily|Andrew|Donna|Joshua|' +
    'Michelle|Kenneth|Carol|Kevin|Amanda|Brian|Melissa|George|Deborah|Timothy|Stephanie|Ronald|' +
    'Rebecca|Jason|Sharon|Edward|Laura|Jeffrey|Cynthia|Ryan|Amy|Jacob|Angela|Gary|Helen|Nicholas|' +
    'Anna|Eric|Brenda|Jonathan|Pamela|Maria|Luis|Wei|Priya|Ahmed|Sofia|Hiroshi',
);

export const SALUTATIONS: readonly (readonly [string, number])[] = [
  ['', 70],
  ['Mr.', 14],
  ['Ms.', 12],
  ['Dr.', 2],
  ['Mrs.', 2],
];

export const STREET_NAMES: readonly string[] = list(
  'Main|Oak|Pine|Maple|Cedar|Elm|Washington|Lake|Hill|Park|Walnut|Sunset|Lincoln|Jackson|Church|' +
    'Highland|Market|Union|Commerce|Industrial|Mill|River|Spring|Center|North|Franklin|Jefferson|' +
    'Madison|Railroad|Airport|Harbor|Valley|Meadow|Ridge|Forest|Willow|Chestnut|Broad|Front|Water',
);

export const STREET_TYPES: readonly string[] = list('St|Ave|Blvd|Rd|Dr|Ln|Way|Pkwy|Ct|Hwy');

/** City, state and the first three digits of its ZIP codes. */
export const CITIES: readonly (readonly [string, string, string])[] = [
  ['New York', 'NY', '100'],
  ['Brooklyn', 'NY', '112'],
  ['Buffalo', 'NY', '142'],
  ['Newark', 'NJ', '071'],
  ['Philadelphia', 'PA', '191'],
  ['Pittsburgh', 'PA', '152'],
  ['Boston', 'MA', '021'],
  ['Worcester', 'MA', '016'],
  ['Hartford', 'CT', '061'],
  ['Providence', 'RI', '029'],
  ['Baltimore', 'MD', '212'],
  ['Washington', 'DC', '200'],
  ['Richmond', 'VA', '232'],
  ['Raleigh', 'NC', '276'],
  ['Charlotte', 'NC', '282'],
  ['Atlanta', 'GA', '303'],
  ['Savannah', 'GA', '314'],
  ['Jacksonville', 'FL', '322'],
  ['Orlando', 'FL', '328'],
  ['Tampa', 'FL', '336'],
  ['Miami', 'FL', '331'],
  ['Nashville', 'TN', '372'],
  ['Memphis', 'TN', '381'],
  ['Birmingham', 'AL', '352'],
  ['New Orleans', 'LA', '701'],
  ['Louisville', 'KY', '402'],
  ['Columbus', 'OH', '432'],
  ['Cleveland', 'OH', '441'],
  ['Cincinnati', 'OH', '452'],
  ['Detroit', 'MI', '482'],
  ['Grand Rapids', 'MI', '495'],
  ['Indianapolis', 'IN', '462'],
  ['Chicago', 'IL', '606'],
  ['Naperville', 'IL', '605'],
  ['Milwaukee', 'WI', '532'],
  ['Minneapolis', 'MN', '554'],
  ['St. Louis', 'MO', '631'],
  ['Kansas City', 'MO', '641'],
  ['Omaha', 'NE', '681'],
  ['Des Moines', 'IA', '503'],
  ['Dallas', 'TX', '752'],
  ['Fort Worth', 'TX', '761'],
  ['Houston', 'TX', '770'],
  ['Austin', 'TX', '787'],
  ['San Antonio', 'TX', '782'],
  ['Oklahoma City', 'OK', '731'],
  ['Denver', 'CO', '802'],
  ['Salt Lake City', 'UT', '841'],
  ['Phoenix', 'AZ', '850'],
  ['Tucson', 'AZ', '857'],
  ['Albuquerque', 'NM', '871'],
  ['Las Vegas', 'NV', '891'],
  ['Los Angeles', 'CA', '900'],
  ['San Diego', 'CA', '921'],
  ['Irvine', 'CA', '926'],
  ['San Jose', 'CA', '951'],
  ['Oakland', 'CA', '946'],
  ['Sacramento', 'CA', '958'],
  ['Portland', 'OR', '972'],
  ['Seattle', 'WA', '981'],
  ['Spokane', 'WA', '992'],
  ['Boise', 'ID', '837'],
  ['Anchorage', 'AK', '995'],
  ['Honolulu', 'HI', '968'],
];

/** Area codes of the phone numbers (paired loosely; a vendor's number is not checked against its city). */
export const AREA_CODES: readonly string[] = list(
  '212|718|716|973|215|412|617|508|860|401|410|202|804|919|704|404|912|904|407|813|305|615|901|205|' +
    '504|502|614|216|513|313|616|317|312|630|414|612|314|816|402|515|214|817|713|512|210|405|303|801|' +
    '602|520|505|702|213|619|949|408|510|916|503|206|509|208|907|808',
);

/** Words for customers that are businesses (customers are optional in a generated company). */
export const CUSTOMER_KINDS: readonly string[] = list(
  'Construction|Dental Group|Medical Center|Restaurant|Hardware|Bakery|Auto Body|Builders|' +
    'Design Studio|Fitness|Hotel|Market|Pharmacy|School District|Veterinary Clinic|Winery',
);
