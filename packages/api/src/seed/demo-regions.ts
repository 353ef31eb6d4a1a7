/** A place customers are registered in: how names, addresses, phones and credit codes spell it. */
export type DemoRegion = {
  province: string;
  city: string;
  /** How a company name starts there (深圳市…, 北京…). */
  namePrefix: string;
  /** City in pinyin, for government and hospital domains. */
  cityPinyin: string;
  /** 长途区号 for landlines. */
  areaCode: string;
  districts: { name: string; division: string; roads: string[] }[];
};

/** Cities weighted towards where IT-services customers cluster (the first ones appear most). */
export const DEMO_REGIONS: DemoRegion[] = [
  {
    province: '北京市', city: '北京市', namePrefix: '北京', cityPinyin: 'beijing', areaCode: '010',
    districts: [
      { name: '海淀区', division: '110108', roads: ['中关村大街', '上地十街', '西北旺东路', '学院路'] },
      { name: '朝阳区', division: '110105', roads: ['建国路', '望京街', '酒仙桥路', '东三环中路'] },
      { name: '东城区', division: '110101', roads: ['东长安街', '朝阳门北大街'] },
    ],
  },
  {
    province: '上海市', city: '上海市', namePrefix: '上海', cityPinyin: 'shanghai', areaCode: '021',
    districts: [
      { name: '浦东新区', division: '310115', roads: ['张江路', '世纪大道', '陆家嘴环路', '碧波路'] },
      { name: '徐汇区', division: '310104', roads: ['漕河泾开发区宜山路', '虹桥路', '田林路'] },
      { name: '静安区', division: '310106', roads: ['南京西路', '江场三路'] },
    ],
  },
  {
    province: '广东省', city: '深圳市', namePrefix: '深圳市', cityPinyin: 'shenzhen', areaCode: '0755',
    districts: [
      { name: '南山区', division: '440305', roads: ['高新南一道', '深南大道', '科技园中区科苑路'] },
      { name: '福田区', division: '440304', roads: ['福华三路', '益田路', '深南中路'] },
      { name: '龙岗区', division: '440307', roads: ['坂田街道岗头', '龙岗大道'] },
    ],
  },
  {
    province: '广东省', city: '广州市', namePrefix: '广州市', cityPinyin: 'guangzhou', areaCode: '020',
    districts: [
      { name: '天河区', division: '440106', roads: ['天河路', '花城大道', '体育西路'] },
      { name: '黄埔区', division: '440112', roads: ['科学大道', '开创大道'] },
    ],
  },
  {
    province: '浙江省', city: '杭州市', namePrefix: '杭州', cityPinyin: 'hangzhou', areaCode: '0571',
    districts: [
      { name: '西湖区', division: '330106', roads: ['文三路', '天目山路', '古墩路'] },
      { name: '滨江区', division: '330108', roads: ['江南大道', '网商路', '长河路'] },
      { name: '余杭区', division: '330110', roads: ['文一西路', '五常大道'] },
    ],
  },
  {
    province: '江苏省', city: '南京市', namePrefix: '南京', cityPinyin: 'nanjing', areaCode: '025',
    districts: [
      { name: '玄武区', division: '320102', roads: ['中山路', '珠江路'] },
      { name: '雨花台区', division: '320114', roads: ['软件大道', '安德门大街'] },
    ],
  },
  {
    province: '江苏省', city: '苏州市', namePrefix: '苏州', cityPinyin: 'suzhou', areaCode: '0512',
    districts: [
      { name: '工业园区', division: '320571', roads: ['星湖街', '金鸡湖大道', '若水路'] },
      { name: '吴中区', division: '320506', roads: ['东吴北路', '宝带东路'] },
    ],
  },
  {
    province: '四川省', city: '成都市', namePrefix: '成都', cityPinyin: 'chengdu', areaCode: '028',
    districts: [
      { name: '武侯区', division: '510107', roads: ['天府大道北段', '人民南路四段'] },
      { name: '锦江区', division: '510104', roads: ['红星路三段', '东大街'] },
    ],
  },
  {
    province: '湖北省', city: '武汉市', namePrefix: '武汉', cityPinyin: 'wuhan', areaCode: '027',
    districts: [
      { name: '洪山区', division: '420111', roads: ['光谷大道', '珞喻路'] },
      { name: '江汉区', division: '420103', roads: ['建设大道', '解放大道'] },
    ],
  },
  {
    province: '陕西省', city: '西安市', namePrefix: '西安', cityPinyin: 'xian', areaCode: '029',
    districts: [{ name: '雁塔区', division: '610113', roads: ['科技路', '高新路', '锦业路'] }],
  },
  {
    province: '山东省', city: '济南市', namePrefix: '济南', cityPinyin: 'jinan', areaCode: '0531',
    districts: [{ name: '历下区', division: '370102', roads: ['经十路', '舜华路'] }],
  },
  {
    province: '山东省', city: '青岛市', namePrefix: '青岛', cityPinyin: 'qingdao', areaCode: '0532',
    districts: [{ name: '市南区', division: '370202', roads: ['香港中路', '东海西路'] }],
  },
  {
    province: '天津市', city: '天津市', namePrefix: '天津', cityPinyin: 'tianjin', areaCode: '022',
    districts: [{ name: '滨海新区', division: '120116', roads: ['第二大街', '海河东路'] }],
  },
  {
    province: '重庆市', city: '重庆市', namePrefix: '重庆', cityPinyin: 'chongqing', areaCode: '023',
    districts: [{ name: '渝北区', division: '500112', roads: ['金开大道', '星光大道'] }],
  },
  {
    province: '福建省', city: '厦门市', namePrefix: '厦门', cityPinyin: 'xiamen', areaCode: '0592',
    districts: [{ name: '思明区', division: '350203', roads: ['软件园二期观日路', '湖滨南路'] }],
  },
  {
    province: '河南省', city: '郑州市', namePrefix: '郑州', cityPinyin: 'zhengzhou', areaCode: '0371',
    districts: [{ name: '金水区', division: '410105', roads: ['花园路', '农业路'] }],
  },
  {
    province: '湖南省', city: '长沙市', namePrefix: '长沙', cityPinyin: 'changsha', areaCode: '0731',
    districts: [{ name: '岳麓区', division: '430104', roads: ['麓谷大道', '桐梓坡路'] }],
  },
  {
    province: '安徽省', city: '合肥市', namePrefix: '合肥', cityPinyin: 'hefei', areaCode: '0551',
    districts: [{ name: '蜀山区', division: '340104', roads: ['望江西路', '黄山路'] }],
  },
  {
    province: '辽宁省', city: '沈阳市', namePrefix: '沈阳', cityPinyin: 'shenyang', areaCode: '024',
    districts: [{ name: '和平区', division: '210102', roads: ['三好街', '南京北街'] }],
  },
  {
    province: '广东省', city: '东莞市', namePrefix: '东莞市', cityPinyin: 'dongguan', areaCode: '0769',
    districts: [{ name: '松山湖', division: '441900', roads: ['工业东路', '新城大道'] }],
  },
];

/** The `region` column: the province, and the city where it differs (北京市, 广东省深圳市). */
export function regionLabel(region: DemoRegion): string {
  return region.province === region.city ? region.province : `${region.province}${region.city}`;
}
