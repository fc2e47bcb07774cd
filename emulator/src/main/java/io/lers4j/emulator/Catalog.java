package io.lers4j.emulator;

import io.lers4j.model.CommunicationLink;
import io.lers4j.model.Customer;
import io.lers4j.model.DataParameter;
import io.lers4j.model.DataParameterCategory;
import io.lers4j.model.DataParametersUnitPair;
import io.lers4j.model.DeviceChannelObject;
import io.lers4j.model.DeviceDataType;
import io.lers4j.model.Equipment;
import io.lers4j.model.EquipmentCapabilities;
import io.lers4j.model.EquipmentModel;
import io.lers4j.model.EquipmentModem;
import io.lers4j.model.EquipmentPollSettings;
import io.lers4j.model.EquipmentReadParameters;
import io.lers4j.model.GeoLocation;
import io.lers4j.model.HouseNorms;
import io.lers4j.model.IncidentImportance;
import io.lers4j.model.MeasurePoint;
import io.lers4j.model.MeasurePointCalcAndStorageObject;
import io.lers4j.model.MeasurePointCustomAttribute;
import io.lers4j.model.MeasurePointDisplayPressureType;
import io.lers4j.model.MeasurePointState;
import io.lers4j.model.MeasurePointType;
import io.lers4j.model.MissingConsumptionCalculationMode;
import io.lers4j.model.Node;
import io.lers4j.model.NodeCustomAttribute;
import io.lers4j.model.NodeGroup;
import io.lers4j.model.NodeJobDTO;
import io.lers4j.model.NodeJobResolution;
import io.lers4j.model.NodeJobState;
import io.lers4j.model.NodeJobType;
import io.lers4j.model.NodePowerSource;
import io.lers4j.model.NodeSignaling;
import io.lers4j.model.NodeSignalingState;
import io.lers4j.model.NodeState;
import io.lers4j.model.NodeSupplier;
import io.lers4j.model.NodeType;
import io.lers4j.model.PollConnection;
import io.lers4j.model.PollPort;
import io.lers4j.model.PressureType;
import io.lers4j.model.PublicAccount;
import io.lers4j.model.Report;
import io.lers4j.model.ReportEntity;
import io.lers4j.model.ReportTemplate;
import io.lers4j.model.ReportType;
import io.lers4j.model.ReportingHourMode;
import io.lers4j.model.ResourceKind;
import io.lers4j.model.ServiceCompany;
import io.lers4j.model.Serviceman;
import io.lers4j.model.Supplier;
import io.lers4j.model.SystemType;
import io.lers4j.model.Territory;
import io.lers4j.model.Unit;
import io.lers4j.model.ValueAveragingMode;
import io.lers4j.types.LersDateTime;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The structure of the emulated installation: territories, nodes (buildings), measure points,
 * equipment, people and organisations. Built once, deterministically from the seed, and never
 * changed afterwards (edits live in {@link State}).
 */
final class Catalog {

    /** The emulated server's time zone: data and path dates are in this local time (Moscow). */
    static final ZoneOffset SERVER_OFFSET = ZoneOffset.ofHours(3);

    final long seed;
    final LocalDate dataStart;
    final LocalDateTime builtAt;
    final List<TerritoryEntry> territories = new ArrayList<>();
    final Map<Integer, TerritoryEntry> territoryById = new LinkedHashMap<>();
    final List<NodeEntry> nodes = new ArrayList<>();
    final Map<Integer, NodeEntry> nodeById = new LinkedHashMap<>();
    final List<PointEntry> points = new ArrayList<>();
    final Map<Integer, PointEntry> pointById = new LinkedHashMap<>();
    final Map<Integer, Equipment> equipment = new LinkedHashMap<>();
    final Map<Integer, Integer> equipmentNode = new LinkedHashMap<>();
    final Map<Integer, EquipmentModel> models = new LinkedHashMap<>();
    final Map<Integer, List<DeviceChannelObject>> channelsByDevice = new LinkedHashMap<>();
    final Map<Integer, List<Integer>> pointsByEquipment = new LinkedHashMap<>();
    final Map<Integer, Customer> customers = new LinkedHashMap<>();
    final List<Supplier> suppliers = new ArrayList<>();
    final List<NodeSupplier> nodeSuppliers = new ArrayList<>();
    final List<Serviceman> servicemen = new ArrayList<>();
    final List<ServiceCompany> serviceCompanies = new ArrayList<>();
    final List<NodeSignaling> signaling = new ArrayList<>();
    final List<GroupEntry> groups = new ArrayList<>();
    final List<NodeJobDTO> jobs = new ArrayList<>();
    final Map<Integer, Report> reports = new LinkedHashMap<>();
    final Map<Integer, ReportTemplate> reportTemplates = new LinkedHashMap<>();
    final PollPort pollPort;
    final PublicAccount administrator;

    private final SplittableRandom random;
    private int nextEquipmentId = 5001;
    private int serialCounter;

    enum NodeKind {
        BOILER_HOUSE(NodeType.POWER_SOURCE, Meters.Usage.PLANT),
        APARTMENT_HOUSE(NodeType.HOUSE, Meters.Usage.RESIDENTIAL),
        SCHOOL(NodeType.NODE, Meters.Usage.DAYTIME),
        KINDERGARTEN(NodeType.NODE, Meters.Usage.DAYTIME),
        CLINIC(NodeType.NODE, Meters.Usage.DAYTIME),
        OFFICE(NodeType.NODE, Meters.Usage.DAYTIME);

        final NodeType type;
        final Meters.Usage usage;

        NodeKind(NodeType type, Meters.Usage usage) {
            this.type = type;
            this.usage = usage;
        }
    }

    static final class TerritoryEntry {
        final Territory model;
        final Climate climate;
        final String city;
        final String[] streets;
        final double latitude;
        final double longitude;
        final String phoneCode;

        TerritoryEntry(Territory model, Climate climate, String city, String[] streets, double latitude,
                       double longitude, String phoneCode) {
            this.model = model;
            this.climate = climate;
            this.city = city;
            this.streets = streets;
            this.latitude = latitude;
            this.longitude = longitude;
            this.phoneCode = phoneCode;
        }

        int id() {
            return model.getId();
        }
    }

    static final class NodeEntry {
        final int id;
        final NodeKind kind;
        final TerritoryEntry territory;
        private final List<PointEntry> pointList = new ArrayList<>();
        private final List<Integer> equipmentIdList = new ArrayList<>();
        /** Read-only views: only the catalog's construction adds to them. */
        final List<PointEntry> points = Collections.unmodifiableList(pointList);
        final List<Integer> equipmentIds = Collections.unmodifiableList(equipmentIdList);
        Node model;
        int calculatorId;
        int modemId;
        int pulseCounterId;
        double boilerLoad;
        /** A boiler house's plant, which its heat, gas, make-up water and electricity meters read; else null. */
        Meters.BoilerHouse plant;

        NodeEntry(int id, NodeKind kind, TerritoryEntry territory) {
            this.id = id;
            this.kind = kind;
            this.territory = territory;
        }
    }

    static final class PointEntry {
        final int id;
        final NodeEntry node;
        final SystemType system;
        final MeasurePointType type;
        final ResourceKind resource;
        final String title;
        final Meter meter;
        final PointData data;
        final List<DataParametersUnitPair> units;
        final PressureType pressureType;
        /** Current times voltage transformer ratio: Real electricity values are Raw times this. */
        final double transformerRatio;
        MeasurePoint model;
        List<MeasurePointCustomAttribute> attributes = List.of();
        int deviceId;
        Integer counterId;
        private final List<Integer> sensorIdList = new ArrayList<>();
        final List<Integer> sensorIds = Collections.unmodifiableList(sensorIdList);

        PointEntry(int id, NodeEntry node, SystemType system, MeasurePointType type, String title, Meter meter,
                   LocalDate dataStart, double transformerRatio) {
            this.id = id;
            this.node = node;
            this.system = system;
            this.type = type;
            this.resource = resourceOf(system);
            this.title = title;
            this.meter = meter;
            this.data = new PointData(meter, dataStart);
            this.units = unitsOf(meter.parameters);
            this.pressureType = system.equals(SystemType.GAS) ? PressureType.ABSOLUTE
                    : system.equals(SystemType.ELECTRICITY) || type.equals(MeasurePointType.COMMUNAL)
                    ? PressureType.NONE : PressureType.GAUGE;
            this.transformerRatio = transformerRatio;
        }

        boolean isElectric() {
            return system.equals(SystemType.ELECTRICITY);
        }
    }

    static final class GroupEntry {
        final NodeGroup model;
        final List<Integer> members;

        GroupEntry(NodeGroup model, List<Integer> members) {
            this.model = model;
            this.members = List.copyOf(members);
        }
    }

    private static final class PointTemplate {
        final SystemType system;
        final boolean communal;
        final String title;

        PointTemplate(SystemType system, boolean communal, String title) {
            this.system = system;
            this.communal = communal;
            this.title = title;
        }
    }

    Catalog(long seed, int pointCount, int nodeCount, LocalDate dataStart, LocalDateTime builtAt) {
        this.seed = seed;
        this.dataStart = dataStart;
        this.builtAt = builtAt;
        this.random = new SplittableRandom(seed);
        this.pollPort = new PollPort().id(1).pollServiceId(1).title("GPRS-сервер").deviceName("GPRS")
                .commLinkType(CommunicationLink.GPRS).enabled(true).gprsListenIpAddress("0.0.0.0")
                .gprsListenPort(7000).maxConnectionsCount(500).softwareCarrierControl(false).comment("")
                .tariffPlanIncludedMinutes(0).blockWhenMinutesExpired(false);
        this.administrator = new PublicAccount().id(1).trusteeId(1).displayName("Администратор")
                .description("Учётная запись администратора").isSystem(false);
        buildTerritories();
        buildModels();
        buildOrganisations();
        buildNodes(nodeCount, pointCount);
        buildGroups();
        buildJobs();
        buildReports();
    }

    // ---------------------------------------------------------------- territories

    private void buildTerritories() {
        addTerritory(1, "Москва", 3, new double[]{-6.5, -6.7, -1.0, 6.9, 13.2, 17.0, 19.2, 17.0, 11.3, 5.6, -1.2, -5.2},
                -25, new String[]{"ул. Профсоюзная", "ул. Вавилова", "Ленинский пр-т", "ул. Бутлерова",
                        "ул. Гарибальди", "ул. Обручева", "ул. Новаторов", "ул. Строителей"}, 55.68, 37.55, "495");
        addTerritory(2, "Екатеринбург", 5, new double[]{-12.6, -10.8, -4.1, 4.0, 11.3, 16.6, 18.8, 15.9, 10.1, 2.6, -5.4, -10.7},
                -32, new String[]{"ул. Малышева", "ул. Куйбышева", "ул. Белинского", "ул. Чапаева",
                        "ул. Шейнкмана", "ул. Луначарского", "ул. Мичурина", "ул. Сибирский тракт"}, 56.83, 60.61, "343");
        addTerritory(3, "Хабаровск", 10, new double[]{-19.6, -15.6, -6.6, 4.4, 11.9, 18.0, 21.2, 20.1, 13.7, 4.5, -7.2, -17.0},
                -29, new String[]{"ул. Муравьёва-Амурского", "ул. Карла Маркса", "ул. Ленина", "ул. Серышева",
                        "ул. Пушкина", "ул. Шеронова", "ул. Запарина", "ул. Тихоокеанская"}, 48.48, 135.07, "4212");
    }

    private void addTerritory(int id, String city, int offset, double[] norms, double design, String[] streets,
                              double latitude, double longitude, String phoneCode) {
        List<Float> monthly = new ArrayList<>();
        for (double n : norms) {
            monthly.add((float) n);
        }
        Territory model = new Territory().id(id).name(city).timeZoneOffset(offset).monthStdTemperature(monthly);
        TerritoryEntry entry = new TerritoryEntry(model, new Climate(seed, id, norms, design), city, streets,
                latitude, longitude, phoneCode);
        territories.add(entry);
        territoryById.put(id, entry);
    }

    // ---------------------------------------------------------------- equipment models

    static final int TV7 = 1;
    static final int SPT941 = 2;
    static final int VKT7 = 3;
    static final int MERCURY230 = 4;
    static final int EK270 = 5;
    static final int IRZ_MODEM = 6;
    static final int ADS98_MODEM = 7;
    static final int PULSAR = 8;
    static final int PREM = 9;
    static final int KTPTR = 10;
    static final int VSHD = 11;
    static final int RVG = 12;
    static final int FLAT_COLD = 13;
    static final int FLAT_HOT = 14;

    private void buildModels() {
        SystemType water = SystemType.fromValue("Heat, HotWater, ColdWater, Steam");
        CommunicationLink allLinks = CommunicationLink.fromValue("Direct, Dialup, Gsm, Gprs, Ip");
        addModel(TV7, "ТВ7", "Тепловычислитель ТВ7", EquipmentCapabilities.GAUGE, 48, water, allLinks);
        addModel(SPT941, "СПТ-941", "Тепловычислитель СПТ-941.20", EquipmentCapabilities.GAUGE, 48, water, allLinks);
        addModel(VKT7, "ВКТ-7", "Тепловычислитель ВКТ-7", EquipmentCapabilities.GAUGE, 48, water, allLinks);
        addModel(MERCURY230, "Меркурий 230", "Счётчик электроэнергии Меркурий 230 ART", EquipmentCapabilities.GAUGE, 120,
                SystemType.ELECTRICITY, allLinks).isElectricMeter(true);
        addModel(EK270, "ЕК270", "Корректор объёма газа ЕК270", EquipmentCapabilities.GAUGE, 60, SystemType.GAS, allLinks);
        addModel(IRZ_MODEM, "iRZ ATM2-485", "GPRS-модем iRZ ATM2-485", EquipmentCapabilities.COMMUNICATION_DEVICE, 0,
                SystemType.NONE, CommunicationLink.fromValue("Gsm, Gprs")).dryContactCount(2);
        addModel(ADS98_MODEM, "АДС-98", "Адаптер сотовой связи АДС-98", EquipmentCapabilities.COMMUNICATION_DEVICE, 0,
                SystemType.NONE, CommunicationLink.fromValue("Gsm, Gprs")).dryContactCount(2);
        addModel(PULSAR, "Пульсар-16M", "Счётчик импульсов Пульсар-16M", EquipmentCapabilities.GAUGE, 72,
                SystemType.fromValue("HotWater, ColdWater"), CommunicationLink.fromValue("Direct, Gprs"));
        addModel(PREM, "ПРЭМ", "Преобразователь расхода электромагнитный ПРЭМ", EquipmentCapabilities.OTHER, 48,
                water, CommunicationLink.NONE).isFlowSensor(true);
        addModel(KTPTR, "КТПТР-01", "Комплект термопреобразователей КТПТР-01", EquipmentCapabilities.OTHER, 48,
                water, CommunicationLink.NONE).isTemperatureSensor(true);
        addModel(VSHD, "ВСХд-40", "Счётчик холодной воды ВСХд-40", EquipmentCapabilities.OTHER, 72,
                SystemType.COLD_WATER, CommunicationLink.NONE).isFlowSensor(true);
        addModel(RVG, "RVG G100", "Счётчик газа ротационный RVG G100", EquipmentCapabilities.OTHER, 60,
                SystemType.GAS, CommunicationLink.NONE).isFlowSensor(true);
        addModel(FLAT_COLD, "ВСХ-15", "Счётчик холодной воды ВСХ-15", EquipmentCapabilities.OTHER, 72,
                SystemType.COLD_WATER, CommunicationLink.NONE).isFlowSensor(true);
        addModel(FLAT_HOT, "ВСГ-15", "Счётчик горячей воды ВСГ-15", EquipmentCapabilities.OTHER, 48,
                SystemType.HOT_WATER, CommunicationLink.NONE).isFlowSensor(true);
    }

    private EquipmentModel addModel(int id, String title, String longTitle, EquipmentCapabilities capabilities,
                                    int calibrationMonths, SystemType systems, CommunicationLink links) {
        EquipmentModel model = new EquipmentModel().id(id).isSystem(true).title(title).reportTitle(title)
                .longTitle(longTitle).capabilities(capabilities).calibrationInterval(calibrationMonths)
                .isTemperatureSensor(false).isPressureSensor(false).isPressureDropSensor(false).isFlowSensor(false)
                .isElectricMeter(false).isCurrentTransformer(false).isVoltageTransformer(false)
                .supportedSystemTypes(systems).supportedCommLinks(links).dryContactCount(0);
        models.put(id, model);
        return model;
    }

    // ---------------------------------------------------------------- organisations

    private void buildOrganisations() {
        String[][] people = {{"Петров Алексей Викторович", "+7 (916) 204-11-35"},
                {"Сидорова Марина Олеговна", "+7 (922) 611-48-02"}, {"Ким Виктор Сергеевич", "+7 (924) 305-77-19"}};
        for (int i = 0; i < people.length; i++) {
            servicemen.add(new Serviceman().id(10 + i).trusteeId(10 + i).displayName(people[i][0])
                    .mobilePhone(people[i][1]).description("Инженер по обслуживанию узлов учёта")
                    .isSystem(false));
        }
        serviceCompanies.add(new ServiceCompany().id(1).title("ООО «Сервис-Учёт»").phone("+7 (495) 730-12-40")
                .licenseNumber("СРО-С-0412").comment("").servicemanAccountList(List.of(publicAccount(servicemen.get(0)),
                        publicAccount(servicemen.get(1)))));
        serviceCompanies.add(new ServiceCompany().id(2).title("ООО «ТеплоКонтроль»").phone("+7 (4212) 45-60-18")
                .licenseNumber("СРО-С-1187").comment("").servicemanAccountList(List.of(publicAccount(servicemen.get(2)))));
        int supplierId = 1;
        for (TerritoryEntry t : territories) {
            String in = cityGenitive(t.city);
            addSupplier(supplierId++, "АО «Теплосеть " + in + "»", SystemType.fromValue("Heat, HotWater"), t);
            addSupplier(supplierId++, "МУП «Водоканал " + in + "»", SystemType.COLD_WATER, t);
            addSupplier(supplierId++, "АО «Энергосбыт " + in + "»", SystemType.ELECTRICITY, t);
            addSupplier(supplierId++, "АО «Газораспределение " + in + "»", SystemType.GAS, t);
        }
        String[] managers = {"ООО «УК Жилсервис»", "ТСЖ «Надежда»", "ООО «УК Комфорт»", "ООО «Домоуправление №4»"};
        for (int i = 0; i < managers.length; i++) {
            addCustomer(i + 1, managers[i], "Директор");
        }
    }

    private static String cityGenitive(String city) {
        switch (city) {
            case "Москва":
                return "Москвы";
            case "Екатеринбург":
                return "Екатеринбурга";
            default:
                return "Хабаровска";
        }
    }

    private void addSupplier(int id, String title, SystemType systems, TerritoryEntry t) {
        suppliers.add(new Supplier().id(id).title(title).systemTypes(systems)
                .contacts("+7 (" + t.phoneCode + ") " + digits(3) + "-" + digits(2) + "-" + digits(2)).comment(""));
    }

    private Customer addCustomer(int id, String title, String position) {
        String[] names = {"Иванов Сергей Петрович", "Кузнецова Анна Игоревна", "Смирнов Олег Юрьевич",
                "Васильева Елена Николаевна", "Морозов Дмитрий Андреевич"};
        Customer c = new Customer().id(id).title(title).isNaturalPerson(false).vatId(digits(10))
                .eMail("office" + id + "@example.ru").phone("+7 (900) " + digits(3) + "-" + digits(2) + "-" + digits(2))
                .executiveName(names[id % names.length]).executivePosition(position);
        customers.put(id, c);
        return c;
    }

    static PublicAccount publicAccount(Serviceman s) {
        return new PublicAccount().id(s.getId()).trusteeId(s.getTrusteeId()).displayName(s.getDisplayName())
                .description(s.getDescription()).isSystem(false);
    }

    // ---------------------------------------------------------------- nodes and points

    static NodeKind kindOf(int index) {
        if (index % 20 == 0) {
            return NodeKind.BOILER_HOUSE;
        }
        if (index % 2 == 1) {
            return NodeKind.APARTMENT_HOUSE;
        }
        NodeKind[] social = {NodeKind.SCHOOL, NodeKind.KINDERGARTEN, NodeKind.CLINIC, NodeKind.OFFICE};
        return social[Math.floorMod(index / 2 - 1, 4)];
    }

    private static PointTemplate template(NodeKind kind, int n) {
        switch (kind) {
            case BOILER_HOUSE: {
                PointTemplate[] t = {new PointTemplate(SystemType.GAS, false, "Газ"),
                        new PointTemplate(SystemType.HEAT, false, "Тепловая энергия, выход"),
                        new PointTemplate(SystemType.ELECTRICITY, false, "Электроэнергия"),
                        new PointTemplate(SystemType.COLD_WATER, false, "ХВС, подпитка")};
                return n < t.length ? t[n]
                        : new PointTemplate(t[n % t.length].system, false, t[n % t.length].title + ", ввод " + (n / t.length + 1));
            }
            case APARTMENT_HOUSE: {
                PointTemplate[] t = {new PointTemplate(SystemType.HEAT, false, "Отопление"),
                        new PointTemplate(SystemType.HOT_WATER, false, "ГВС"),
                        new PointTemplate(SystemType.COLD_WATER, false, "ХВС"),
                        new PointTemplate(SystemType.COLD_WATER, true, "Кв. 1, ХВС"),
                        new PointTemplate(SystemType.ELECTRICITY, false, "Электроэнергия, ВРУ")};
                if (n < t.length) {
                    return t[n];
                }
                int k = n - t.length; // then flats: hot water of flat 1, then both meters of flat 2, 3...
                int flat = (k + 1) / 2 + 1;
                boolean hot = k % 2 == 0;
                return new PointTemplate(hot ? SystemType.HOT_WATER : SystemType.COLD_WATER, true,
                        "Кв. " + flat + (hot ? ", ГВС" : ", ХВС"));
            }
            default: {
                // the order differs by kind, so that even two points a node cover every system
                PointTemplate heat = new PointTemplate(SystemType.HEAT, false, "Отопление");
                PointTemplate cold = new PointTemplate(SystemType.COLD_WATER, false, "ХВС");
                PointTemplate power = new PointTemplate(SystemType.ELECTRICITY, false, "Электроэнергия");
                PointTemplate hot = new PointTemplate(SystemType.HOT_WATER, false, "ГВС");
                PointTemplate[] t = kind == NodeKind.SCHOOL ? new PointTemplate[]{heat, cold, power, hot}
                        : kind == NodeKind.KINDERGARTEN ? new PointTemplate[]{heat, hot, cold, power}
                        : kind == NodeKind.CLINIC ? new PointTemplate[]{heat, power, cold, hot}
                        : new PointTemplate[]{power, heat, cold, hot};
                return n < t.length ? t[n]
                        : new PointTemplate(t[n % t.length].system, false, t[n % t.length].title + ", ввод " + (n / t.length + 1));
            }
        }
    }

    private void buildNodes(int nodeCount, int pointCount) {
        int[] counters = new int[NodeKind.values().length];
        for (int i = 0; i < nodeCount; i++) {
            NodeKind kind = kindOf(i);
            TerritoryEntry territory = territories.get(i % territories.size());
            NodeEntry node = new NodeEntry(101 + i, kind, territory);
            int number = ++counters[kind.ordinal()];
            String street = territory.streets[(i / territories.size()) % territory.streets.length];
            int house = 1 + (i * 7 + 3) % 97;
            String address = "г. " + territory.city + ", " + street + ", д. " + house;
            node.model = buildNode(node, number, street, house, address);
            nodes.add(node);
            nodeById.put(node.id, node);
        }
        int pointId = 1001;
        for (int i = 0; i < nodeCount; i++) {
            NodeEntry node = nodes.get(i);
            int count = pointCount / nodeCount + (i < pointCount % nodeCount ? 1 : 0);
            List<PointTemplate> planned = new ArrayList<>();
            for (int n = 0; n < count; n++) {
                planned.add(template(node.kind, n));
            }
            addEquipmentOfNode(node, planned);
            if (node.kind == NodeKind.BOILER_HOUSE) {
                node.plant = new Meters.BoilerHouse(seed, node.id, node.territory.climate, node.boilerLoad,
                        countOf(planned, SystemType.HEAT), countOf(planned, SystemType.GAS),
                        countOf(planned, SystemType.COLD_WATER));
            }
            for (int n = 0; n < count; n++) {
                addPoint(node, pointId++, planned.get(n), n);
            }
        }
        for (NodeEntry node : nodes) {
            finishNode(node);
        }
    }

    private static int countOf(List<PointTemplate> planned, SystemType system) {
        int n = 0;
        for (PointTemplate t : planned) {
            if (t.system.equals(system)) {
                n++;
            }
        }
        return n;
    }

    private Node buildNode(NodeEntry node, int number, String street, int house, String address) {
        String title;
        Integer customerId;
        switch (node.kind) {
            case BOILER_HOUSE:
                title = "Котельная №" + number;
                customerId = addCustomer(100 + node.id, "МУП «Теплоэнерго» (" + title + ")", "Директор").getId();
                node.boilerLoad = 3 + 6 * random.nextDouble();
                break;
            case APARTMENT_HOUSE:
                title = "Жилой дом, " + street + ", " + house;
                customerId = 1 + node.id % 4;
                break;
            case SCHOOL:
                title = "Школа №" + (number * 3 + 1);
                customerId = addCustomer(100 + node.id, "МБОУ СОШ №" + (number * 3 + 1), "Директор").getId();
                break;
            case KINDERGARTEN:
                title = "Детский сад №" + (number * 5 + 2);
                customerId = addCustomer(100 + node.id, "МБДОУ Детский сад №" + (number * 5 + 2), "Заведующая").getId();
                break;
            case CLINIC:
                title = "Поликлиника №" + (number + 2);
                customerId = addCustomer(100 + node.id, "ГБУЗ Городская поликлиника №" + (number + 2),
                        "Главный врач").getId();
                break;
            default:
                title = "Административное здание, " + street + ", " + house;
                customerId = addCustomer(100 + node.id, "ООО «Бизнес-центр " + street.replace("ул. ", "") + "»",
                        "Генеральный директор").getId();
        }
        String[] responsible = {"Иванов И. И.", "Соколова Т. В.", "Лебедев А. Н.", "Новикова О. С.", "Фёдоров П. А."};
        TerritoryEntry t = node.territory;
        List<NodeCustomAttribute> attributes = List.of(
                new NodeCustomAttribute().customAttributeId(1).nodeId(node.id).code("cadastralNumber")
                        .value(String.format(Locale.ROOT, "%02d:01:%07d:%d", 10 + t.id() * 17, 1000 + node.id, 40 + node.id % 60)),
                new NodeCustomAttribute().customAttributeId(2).nodeId(node.id).code("yearBuilt")
                        .value(String.valueOf(1958 + random.nextInt(60))));
        Node model = new Node().id(node.id).title(title).number(node.id - 100).address(address).comment("")
                .customerId(customerId).responsibleName(responsible[node.id % responsible.length])
                .responsiblePhone("+7 (" + t.phoneCode + ") " + digits(3) + "-" + digits(2) + "-" + digits(2))
                .servicemanId(servicemen.get(t.id() == 3 ? 2 : node.id % 2).getId()).serviceCompanyId(t.id() == 3 ? 2 : 1)
                .state(NodeState.NORMAL).territoryId(t.id()).type(node.kind.type)
                .isCommunalPollEnabled(node.kind == NodeKind.APARTMENT_HOUSE)
                .coldWaterSummerTemp(15f).coldWaterWinterTemp(5f).licenseCount(1)
                .geoLocation(new GeoLocation().latitude(round(t.latitude + (random.nextDouble() - 0.5) * 0.1, 5))
                        .longitude(round(t.longitude + (random.nextDouble() - 0.5) * 0.15, 5)))
                .attributes(attributes);
        if (node.kind == NodeKind.APARTMENT_HOUSE) {
            model.norms(new HouseNorms().coldWater(4.9f).hotWater(3.5f).heat(0.0217f).electricity(100f).gas(10f));
        }
        return model;
    }

    private void addEquipmentOfNode(NodeEntry node, List<PointTemplate> planned) {
        boolean water = false;
        boolean flats = false;
        for (PointTemplate p : planned) {
            water |= !p.communal && (p.system.equals(SystemType.HEAT) || p.system.equals(SystemType.HOT_WATER)
                    || p.system.equals(SystemType.COLD_WATER));
            flats |= p.communal;
        }
        if (planned.isEmpty()) {
            return;
        }
        int modemModel = node.territory.id() == 3 ? ADS98_MODEM : IRZ_MODEM;
        node.modemId = addEquipment(node, modemModel, "86" + digits(13), null, 0);
        if (water) {
            int[] calculators = {TV7, SPT941, VKT7};
            node.calculatorId = addEquipment(node, calculators[node.id % 3], digits(6), node.modemId, 1);
        }
        if (flats) {
            node.pulseCounterId = addEquipment(node, PULSAR, digits(8), node.modemId, 2);
        }
    }

    private int addEquipment(NodeEntry node, int modelId, String serial, Integer modemId, int networkAddress) {
        int id = nextEquipmentId++;
        EquipmentModel model = models.get(modelId);
        LocalDate calibrated = dataStart.minusDays(30 + random.nextInt(300));
        Equipment e = new Equipment().id(id).equipmentModelId(modelId).serialNumber(serial)
                .sealNumber(digits(7)).comment("").isShared(false)
                .lastCalibrationDate(LersDateTime.of(calibrated))
                .calibrationOrganization("ФБУ «ЦСМ»");
        if (model.getCalibrationInterval() != null && model.getCalibrationInterval() > 0) {
            e.scheduledCalibrationDate(LersDateTime.of(calibrated.plusMonths(model.getCalibrationInterval())));
        }
        if (modemId != null) {
            Equipment modem = equipment.get(modemId);
            EquipmentModel modemModel = models.get(modem.getEquipmentModelId());
            e.networkAddress(String.valueOf(networkAddress)).password("")
                    .pollSettings(new EquipmentPollSettings().responseDelay(0).adapterAddress(0).connections(List.of(
                            new PollConnection().id(id * 10 + 1).commLinkType(CommunicationLink.GPRS)
                                    .connectionTimeout(60).gprsAutoDisconnect(true).commDeviceEquipmentId(modemId)
                                    .commDevice(new Equipment().id(modemId).equipmentModelId(modem.getEquipmentModelId())
                                            .serialNumber(modem.getSerialNumber()))
                                    .commDeviceModel(new EquipmentModel().id(modemModel.getId()).title(modemModel.getTitle()))
                                    .pollPortId(pollPort.getId()).isNetwork(networkAddress > 0).title("GPRS")
                                    .internetPort(0).equipmentIdList(List.of(id)))))
                    .lastReadParameters(new EquipmentReadParameters().firmwareVersion(
                                    String.format(Locale.ROOT, "%d.%d.%d", 1 + random.nextInt(3), random.nextInt(10), random.nextInt(40)))
                            .timeDifference(random.nextInt(9) - 4).batteryLow(false));
        } else {
            // production sends the object on every device, with no connections where none is set up
            e.pollSettings(new EquipmentPollSettings().responseDelay(0).adapterAddress(0).connections(List.of()));
        }
        if (modemId == null && models.get(modelId).getCapabilities().equals(EquipmentCapabilities.COMMUNICATION_DEVICE)) {
            e.modem(new EquipmentModem().identifier(serial).imei(serial).pollPortId(pollPort.getId()).isOnline(true)
                    .enableKeepAlive(true));
        }
        equipment.put(id, e);
        equipmentNode.put(id, node.id);
        node.equipmentIdList.add(id);
        return id;
    }

    private void addPoint(NodeEntry node, int id, PointTemplate t, int order) {
        Climate climate = node.territory.climate;
        Meters.Usage usage = node.kind.usage;
        double scale = node.kind == NodeKind.APARTMENT_HOUSE ? 1.0 : 0.5;
        Meter meter;
        double ratio = 1;
        if (t.communal) {
            meter = new Meters.ApartmentWater(seed, id, climate, (t.system.equals(SystemType.HOT_WATER) ? 0.06 : 0.1)
                    + 0.2 * random.nextDouble());
        } else if (node.plant != null) {
            meter = plantMeter(node.plant, id, t.system);
            ratio = t.system.equals(SystemType.ELECTRICITY) ? 40 : 1;
        } else if (t.system.equals(SystemType.HEAT)) {
            double load = node.kind == NodeKind.APARTMENT_HOUSE ? 0.25 + 0.65 * random.nextDouble()
                    : node.kind == NodeKind.KINDERGARTEN ? 0.12 + 0.2 * random.nextDouble()
                    : 0.2 + 0.5 * random.nextDouble();
            meter = new Meters.Heat(seed, id, climate, load);
        } else if (t.system.equals(SystemType.HOT_WATER)) {
            meter = new Meters.HotWater(seed, id, climate, usage, scale * (node.kind == NodeKind.APARTMENT_HOUSE
                    ? 8 + 32 * random.nextDouble() : 2 + 6 * random.nextDouble()));
        } else if (t.system.equals(SystemType.COLD_WATER)) {
            meter = new Meters.ColdWater(seed, id, climate, usage, node.kind == NodeKind.APARTMENT_HOUSE
                    ? 20 + 70 * random.nextDouble() : 3 + 15 * random.nextDouble());
        } else if (t.system.equals(SystemType.ELECTRICITY)) {
            double kWh = node.kind == NodeKind.APARTMENT_HOUSE ? 400 + 1100 * random.nextDouble()
                    : node.kind == NodeKind.KINDERGARTEN ? 150 + 250 * random.nextDouble()
                    : 250 + 650 * random.nextDouble();
            ratio = kWh > 900 ? 20 : 1;
            meter = new Meters.Electricity(seed, id, climate, usage, kWh);
        } else {
            throw new IllegalStateException("no gas meter outside a boiler house");
        }
        MeasurePointType type = t.communal ? MeasurePointType.COMMUNAL : MeasurePointType.REGULAR;
        PointEntry p = new PointEntry(id, node, t.system, type, t.title, meter, dataStart, ratio);
        bindEquipment(node, p);
        p.model = buildPointModel(p, order);
        p.attributes = List.of(new MeasurePointCustomAttribute().attributeId(3).measurePointId(id).code("accountNumber")
                .value("ЛС-" + (700000 + id)));
        node.pointList.add(p);
        points.add(p);
        pointById.put(id, p);
    }

    /** A boiler house's meter: each reads its share of the plant. */
    private Meter plantMeter(Meters.BoilerHouse plant, int id, SystemType system) {
        switch (system.getValue()) {
            case "Heat":
                return new Meters.Heat(seed, id, plant);
            case "Gas":
                return new Meters.Gas(seed, id, plant);
            case "ColdWater":
                return new Meters.ColdWater(seed, id, plant);
            case "Electricity":
                return new Meters.Electricity(seed, id, plant, 1500 + 2500 * random.nextDouble());
            default:
                throw new IllegalStateException("no " + system + " meter in a boiler house");
        }
    }

    private void bindEquipment(NodeEntry node, PointEntry p) {
        if (p.type.equals(MeasurePointType.COMMUNAL)) {
            p.deviceId = node.pulseCounterId;
            p.counterId = addEquipment(node, p.system.equals(SystemType.HOT_WATER) ? FLAT_HOT : FLAT_COLD, digits(8), null, 0);
            int channel = pointsByEquipment.getOrDefault(node.pulseCounterId, List.of()).size() + 1;
            bindChannel(p.deviceId, p, 0, channel, true);
        } else if (p.system.equals(SystemType.ELECTRICITY)) {
            p.deviceId = addEquipment(node, MERCURY230, digits(8), node.modemId, 10 + node.equipmentIds.size());
        } else if (p.system.equals(SystemType.GAS)) {
            p.deviceId = addEquipment(node, EK270, digits(8), node.modemId, 0);
            p.counterId = addEquipment(node, RVG, digits(8), null, 0);
        } else {
            p.deviceId = node.calculatorId;
            int used = pointsByEquipment.getOrDefault(node.calculatorId, List.of()).size();
            int leadIn = used + 1;
            int firstChannel = channelsByDevice.getOrDefault(node.calculatorId, List.of()).size() + 1;
            if (p.system.equals(SystemType.COLD_WATER)) {
                bindChannel(p.deviceId, p, leadIn, firstChannel, true);
                p.counterId = addEquipment(node, VSHD, digits(8), null, 0);
            } else {
                bindChannel(p.deviceId, p, leadIn, firstChannel, true);
                bindChannel(p.deviceId, p, leadIn, firstChannel + 1, false);
                p.sensorIdList.add(addEquipment(node, PREM, digits(6), null, 0));
                p.sensorIdList.add(addEquipment(node, PREM, digits(6), null, 0));
                if (p.system.equals(SystemType.HEAT)) {
                    p.sensorIdList.add(addEquipment(node, KTPTR, digits(5), null, 0));
                }
            }
        }
        pointsByEquipment.computeIfAbsent(p.deviceId, k -> new ArrayList<>()).add(p.id);
        if (p.counterId != null) {
            pointsByEquipment.computeIfAbsent(p.counterId, k -> new ArrayList<>()).add(p.id);
        }
        for (int s : p.sensorIds) {
            pointsByEquipment.computeIfAbsent(s, k -> new ArrayList<>()).add(p.id);
        }
    }

    private void bindChannel(int deviceId, PointEntry p, int leadIn, int channel, boolean supply) {
        channelsByDevice.computeIfAbsent(deviceId, k -> new ArrayList<>()).add(new DeviceChannelObject()
                .equipmentId(deviceId).heatLeadIn(leadIn).channelNumber(channel).isSupply(supply)
                .measurePointId(p.id).measurePointTitle(p.title));
    }

    private MeasurePoint buildPointModel(PointEntry p, int order) {
        NodeEntry node = p.node;
        MeasurePoint m = new MeasurePoint().id(p.id).title(p.title)
                .fullTitle(node.model.getTitle() + " - " + p.title).parentTitle(node.model.getTitle())
                .address(node.model.getAddress()).type(p.type).orderNumber(order + 1).systemType(p.system)
                .nodeId(node.id).serviceNumber(100 + p.id % 100000)
                .isDoublePipeHotWaterSystem(p.system.equals(SystemType.HOT_WATER) && p.type.equals(MeasurePointType.REGULAR))
                .isTwoChannels(p.system.equals(SystemType.HEAT)).resourceKind(p.resource).deviceId(p.deviceId)
                .counterId(p.counterId).commLinkType(CommunicationLink.GPRS).comment("")
                .selectedParamsList(List.of(p.meter.parameters)).state(MeasurePointState.NORMAL)
                .showCalculatedData(true).showBadValues(false)
                .calcAndStorage(new MeasurePointCalcAndStorageObject().calculateMissingTotals(true)
                        .calculateMissingTotalsEstimate(false)
                        .calculateMissingHourConsumption(MissingConsumptionCalculationMode.BY_TOTALS)
                        .calculateMissingDayConsumption(MissingConsumptionCalculationMode.SUM)
                        .calculateMissingMonthConsumption(MissingConsumptionCalculationMode.SUM)
                        .calculateMissingValues(false).calculateMissingHeatValues(false)
                        .calculatedValuesAveragingMode(ValueAveragingMode.ARITHMETICAL_MEAN)
                        .devicePressureType(p.pressureType).useAdvancedTotalsInterpolation(false)
                        .displayPressureType(MeasurePointDisplayPressureType.DEFAULT).lastDataShelfLife(1440))
                .reportingHour(0).reportingDay(1).reportingHourMode(ReportingHourMode.DEFAULT)
                .isReversibleFlow(false).isVirtual(false).diagDataTypes(DeviceDataType.fromValue("Hour, Day"))
                .admissionDate(LersDateTime.of(dataStart.minusDays(20).atStartOfDay(), SERVER_OFFSET))
                .customerId(node.model.getCustomerId());
        if (p.type.equals(MeasurePointType.COMMUNAL)) {
            m.roomId(node.id * 1000 + flatNumber(p.title));
        }
        if (p.system.equals(SystemType.HEAT)) {
            double load = ((Meters.Heat) p.meter).designLoad();
            m.contractHeat((float) round(load, 3)).contractFlow((float) round(load * 40, 2)).contractTin(95f)
                    .contractTout(70f).contractPin(6f).contractPout(4f);
        }
        if (p.isElectric()) {
            m.currentRatio((float) p.transformerRatio).voltageRatio(1f);
        }
        return m;
    }

    private static int flatNumber(String title) {
        String digits = title.replaceAll("\\D+", " ").trim().split(" ")[0];
        return digits.isEmpty() ? 0 : Integer.parseInt(digits);
    }

    private void finishNode(NodeEntry node) {
        List<NodePowerSource> sources = new ArrayList<>();
        if (node.kind != NodeKind.BOILER_HOUSE) {
            for (NodeEntry other : nodes) {
                if (other.kind == NodeKind.BOILER_HOUSE && other.territory == node.territory) {
                    sources.add(new NodePowerSource().nodeId(node.id).system(SystemType.HEAT).sourceNodeId(other.id));
                    break;
                }
            }
        }
        node.model.powerSources(sources);
        Set<SystemType> systems = new LinkedHashSet<>();
        for (PointEntry p : node.points) {
            if (p.type.equals(MeasurePointType.REGULAR)) {
                systems.add(p.system);
            }
        }
        for (SystemType system : systems) {
            Supplier supplier = supplierFor(node.territory, system);
            nodeSuppliers.add(new NodeSupplier().nodeId(node.id).systemType(system).supplierId(supplier.getId())
                    .contractNumber(contractPrefix(system) + "-" + node.id)
                    .contractDate(LersDateTime.of(dataStart.minusYears(2).withDayOfYear(1 + node.id % 300))));
        }
        if (node.kind == NodeKind.BOILER_HOUSE && node.modemId != 0) {
            signaling.add(new NodeSignaling().id(node.id * 10 + 1).nodeId(node.id).signalTitle("Затопление помещения")
                    .equipmentId(node.modemId).dryContactNumber(1).incidentImportanceSet(IncidentImportance.CRITICAL)
                    .incidentMessageSet("Датчик затопления сработал").incidentImportanceUnset(IncidentImportance.INFORMATION)
                    .incidentMessageUnset("Датчик затопления в норме").currentState(NodeSignalingState.UNSET));
            signaling.add(new NodeSignaling().id(node.id * 10 + 2).nodeId(node.id).signalTitle("Открытие двери")
                    .equipmentId(node.modemId).dryContactNumber(2).incidentImportanceSet(IncidentImportance.WARNING)
                    .incidentMessageSet("Дверь открыта").incidentImportanceUnset(IncidentImportance.INFORMATION)
                    .incidentMessageUnset("Дверь закрыта").currentState(NodeSignalingState.UNSET));
        }
    }

    private Supplier supplierFor(TerritoryEntry t, SystemType system) {
        int offset = system.equals(SystemType.HEAT) || system.equals(SystemType.HOT_WATER) ? 0
                : system.equals(SystemType.COLD_WATER) ? 1 : system.equals(SystemType.ELECTRICITY) ? 2 : 3;
        return suppliers.get((t.id() - 1) * 4 + offset);
    }

    private static String contractPrefix(SystemType system) {
        if (system.equals(SystemType.HEAT) || system.equals(SystemType.HOT_WATER)) {
            return "ТС";
        }
        return system.equals(SystemType.COLD_WATER) ? "ВС" : system.equals(SystemType.ELECTRICITY) ? "ЭС" : "ГС";
    }

    // ---------------------------------------------------------------- groups, jobs, reports

    private void buildGroups() {
        int id = 1;
        for (TerritoryEntry t : territories) {
            List<Integer> members = new ArrayList<>();
            for (NodeEntry n : nodes) {
                if (n.territory == t) {
                    members.add(n.id);
                }
            }
            groups.add(new GroupEntry(new NodeGroup().id(id++).title(t.city).comment("Объекты территории " + t.city)
                    .isTree(false), members));
        }
        addKindGroup(id++, "Жилые дома", EnumSet.of(NodeKind.APARTMENT_HOUSE));
        addKindGroup(id++, "Социальные объекты", EnumSet.of(NodeKind.SCHOOL, NodeKind.KINDERGARTEN, NodeKind.CLINIC));
        addKindGroup(id, "Котельные", EnumSet.of(NodeKind.BOILER_HOUSE));
    }

    private void addKindGroup(int id, String title, Set<NodeKind> kinds) {
        List<Integer> members = new ArrayList<>();
        for (NodeEntry n : nodes) {
            if (kinds.contains(n.kind)) {
                members.add(n.id);
            }
        }
        groups.add(new GroupEntry(new NodeGroup().id(id).title(title).comment("").isTree(false), members));
    }

    private void buildJobs() {
        if (nodes.isEmpty()) {
            return;
        }
        PublicAccount creator = administrator;
        LocalDateTime now = builtAt.withMinute(0).withSecond(0).withNano(0);
        Serviceman s0 = servicemen.get(0);
        NodeEntry first = nodes.get(0);
        jobs.add(new NodeJobDTO().id(1).nodeId(first.id).creatorAccount(creator).performerAccount(publicAccount(s0))
                .workOrderNumber("НР-0001").startDate(at(now.minusDays(2).withHour(9)))
                .scheduledEndDate(at(now.plusDays(5).withHour(18))).title("Поверка теплосчётчика")
                .description("Снять и передать тепловычислитель на периодическую поверку")
                .creatorName(creator.getDisplayName()).performerName(s0.getDisplayName()).state(NodeJobState.ASSIGNED)
                .type(new NodeJobType().id(1).title("Поверка")));
        NodeEntry second = nodes.get(Math.min(1, nodes.size() - 1));
        Serviceman s1 = servicemen.get(1);
        jobs.add(new NodeJobDTO().id(2).nodeId(second.id).creatorAccount(creator).performerAccount(publicAccount(s1))
                .workOrderNumber("НР-0002").startDate(at(now.minusDays(14).withHour(10)))
                .scheduledEndDate(at(now.minusDays(10).withHour(18))).factEndDate(at(now.minusDays(11).withHour(15)))
                .title("Замена GPRS-модема").description("Модем не выходит на связь, заменить")
                .creatorName(creator.getDisplayName()).performerName(s1.getDisplayName()).state(NodeJobState.COMPLETED)
                .resolution(new NodeJobResolution().id(1).title("Выполнено")).type(new NodeJobType().id(2).title("Ремонт")));
        NodeEntry third = nodes.get(Math.min(2, nodes.size() - 1));
        jobs.add(new NodeJobDTO().id(3).nodeId(third.id).creatorAccount(creator).performerAccount(publicAccount(s0))
                .workOrderNumber("НР-0003").startDate(at(now.minusDays(9).withHour(9)))
                .scheduledEndDate(at(now.minusDays(3).withHour(18))).title("Осмотр узла учёта")
                .description("Проверить пломбы и состояние датчиков")
                .creatorName(creator.getDisplayName()).performerName(s0.getDisplayName()).state(NodeJobState.OVERDUE)
                .type(new NodeJobType().id(3).title("Осмотр")));
    }

    private void buildReports() {
        Object[][] sheets = {{1, "Ведомость учёта параметров теплопотребления", SystemType.HEAT},
                {2, "Ведомость учёта параметров потребления ГВС", SystemType.HOT_WATER},
                {3, "Ведомость учёта холодной воды", SystemType.COLD_WATER},
                {4, "Ведомость учёта электроэнергии", SystemType.ELECTRICITY},
                {5, "Ведомость учёта газа", SystemType.GAS}};
        for (Object[] s : sheets) {
            int id = (Integer) s[0];
            String title = (String) s[1];
            SystemType system = (SystemType) s[2];
            ReportTemplate template = new ReportTemplate().id(id).title(title).reportType(ReportType.PARAMETERS_SHEET)
                    .reportEntity(ReportEntity.MEASURE_POINT).isAct(false).isUser(false).comment("Системный шаблон")
                    .measurePointCountHeat(system.equals(SystemType.HEAT) ? 1 : 0)
                    .measurePointCountHotWater(system.equals(SystemType.HOT_WATER) ? 1 : 0)
                    .measurePointCountColdWater(system.equals(SystemType.COLD_WATER) ? 1 : 0)
                    .measurePointCountElectricity(system.equals(SystemType.ELECTRICITY) ? 1 : 0)
                    .measurePointCountGas(system.equals(SystemType.GAS) ? 1 : 0).version("3.67");
            reportTemplates.put(id, template);
            reports.put(id, new Report().id(id).title(title).isSystem(true).entity(ReportEntity.MEASURE_POINT)
                    .reportType(ReportType.PARAMETERS_SHEET).isAct(false).reportTemplateId(id)
                    .fileNameFormat("{Title}_{StartDate}_{EndDate}").useReportParameter(false));
        }
        // the system report field clients print (LersBot asks for reportType=SystemState)
        reportTemplates.put(SYSTEM_STATE_REPORT, new ReportTemplate().id(SYSTEM_STATE_REPORT).title("Состояние системы")
                .reportType(ReportType.SYSTEM_STATE).reportEntity(ReportEntity.SYSTEM).isAct(false).isUser(false)
                .comment("Системный шаблон").measurePointCountHeat(0).measurePointCountHotWater(0)
                .measurePointCountColdWater(0).measurePointCountElectricity(0).measurePointCountGas(0).version("3.67"));
        reports.put(SYSTEM_STATE_REPORT, new Report().id(SYSTEM_STATE_REPORT).title("Состояние системы").isSystem(true)
                .entity(ReportEntity.SYSTEM).reportType(ReportType.SYSTEM_STATE).isAct(false)
                .reportTemplateId(SYSTEM_STATE_REPORT).fileNameFormat("{Title}_{StartDate}_{EndDate}")
                .useReportParameter(false));
    }

    /** The id of the system state report (measure points, their state, last data and open incidents). */
    static final int SYSTEM_STATE_REPORT = 6;

    /** The parameter-sheet report for a system type. */
    Report reportFor(SystemType system) {
        int id = system.equals(SystemType.HEAT) ? 1 : system.equals(SystemType.HOT_WATER) ? 2
                : system.equals(SystemType.COLD_WATER) ? 3 : system.equals(SystemType.ELECTRICITY) ? 4 : 5;
        return reports.get(id);
    }

    // ---------------------------------------------------------------- helpers

    static LersDateTime at(LocalDateTime serverLocal) {
        return LersDateTime.of(serverLocal, SERVER_OFFSET);
    }

    private String digits(int n) {
        StringBuilder s = new StringBuilder(n);
        long mixed = Noise.hash(seed, ++serialCounter, n, 99);
        for (int i = 0; i < n; i++) {
            if (i % 15 == 0 && i > 0) {
                mixed = Noise.mix(mixed);
            }
            int digit = (int) Long.remainderUnsigned(mixed, 10);
            mixed = Long.divideUnsigned(mixed, 10);
            s.append(i == 0 && digit == 0 ? 1 : digit);
        }
        return s.toString();
    }

    static double round(double v, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(v * scale) / scale;
    }

    static ResourceKind resourceOf(SystemType system) {
        if (system.equals(SystemType.ELECTRICITY)) {
            return ResourceKind.ELECTRICITY;
        }
        if (system.equals(SystemType.GAS)) {
            return ResourceKind.GAS;
        }
        return ResourceKind.WATER;
    }

    static DataParameterCategory categoryOf(DataParameter p) {
        String name = p.getValue();
        if (name.startsWith("Ap") || name.startsWith("An")) {
            return DataParameterCategory.ACTIVE_ELECTRICAL_ENERGY;
        }
        if (name.startsWith("Rp") || name.startsWith("Rn")) {
            return DataParameterCategory.REACTIVE_ELECTRICAL_ENERGY;
        }
        if (name.equals("NormalOperationDuration") || name.endsWith("Duration")) {
            return DataParameterCategory.TIME;
        }
        switch (name.charAt(0)) {
            case 'T':
                return DataParameterCategory.TEMPERATURE;
            case 'P':
                return DataParameterCategory.PRESSURE;
            case 'M':
                return DataParameterCategory.MASS;
            case 'V':
                return DataParameterCategory.VOLUME;
            case 'Q':
                return DataParameterCategory.HEAT;
            default:
                return DataParameterCategory.NONE;
        }
    }

    /** The units the emulator keeps and answers in (LERS system units). */
    static Unit systemUnit(DataParameterCategory category) {
        switch (category.getValue()) {
            case "Temperature":
                return Unit.CELSIUS_DEGREE;
            case "Pressure":
                return Unit.TECHNICAL_AT;
            case "Mass":
                return Unit.TON;
            case "Volume":
                return Unit.CUBIC_METER;
            case "Heat":
                return Unit.GIGA_CALORIE;
            case "Time":
                return Unit.HOUR;
            case "ActiveElectricalEnergy":
                return Unit.KILOWATT_HOUR;
            case "ReactiveElectricalEnergy":
                return Unit.KILOVAR_HOUR;
            default:
                return Unit.NONE;
        }
    }

    private static List<DataParametersUnitPair> unitsOf(DataParameter[] parameters) {
        Map<DataParameterCategory, Unit> units = new LinkedHashMap<>();
        for (DataParameter p : parameters) {
            DataParameterCategory c = categoryOf(p);
            units.put(c, systemUnit(c));
        }
        List<DataParametersUnitPair> out = new ArrayList<>();
        units.forEach((c, u) -> out.add(new DataParametersUnitPair().dataParameterCategory(c).unit(u)));
        return Collections.unmodifiableList(out);
    }
}
