package com.shopbff.catalog.seed;

import com.shopbff.catalog.CatalogProperties;
import com.shopbff.catalog.category.CategoryRepository;
import com.shopbff.catalog.category.CategoryService;
import com.shopbff.catalog.generated.types.CreatePickupPointInput;
import com.shopbff.catalog.generated.types.CreateProductInput;
import com.shopbff.catalog.generated.types.PickupAddressInput;
import com.shopbff.catalog.pickup.PickupPointService;
import com.shopbff.catalog.product.ProductService;
import com.shopbff.support.money.MoneyFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * The demo shop window (shop.catalog.seed-demo=true, set by the local stack): 8 categories of 25 products each,
 * with prices and stock, and 2 warehouse pickup points, created through the same services as the admin API (so
 * their events reach the orders subgraph). Only into an empty catalog; ids are fixed, so two instances seeding at
 * once create everything once.
 */
@Component
public class DemoCatalogSeeder implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(DemoCatalogSeeder.class);

    record Range(String category, List<String> items, List<String> variants, long basePriceMinor) {
        /** Food ranges take the reduced "food" tax class; teaware and coffee gear the standard rate. */
        String taxClass() {
            return category.equals("Teaware") || category.equals("Coffee Gear") ? "standard" : "food";
        }
    }

    static final List<Range> RANGES = List.of(
            new Range("Tea", List.of("Oolong Tea", "Sencha Green Tea", "Darjeeling First Flush", "Assam Breakfast Tea", "Earl Grey"),
                    List.of("Loose Leaf 100 g", "Loose Leaf 250 g", "20 Tea Bags", "50 Tea Bags", "Gift Tin"), 450),
            new Range("Coffee", List.of("Colombian Supremo", "Ethiopian Yirgacheffe", "Sumatra Mandheling", "Brazil Santos", "Espresso Blend"),
                    List.of("Beans 250 g", "Beans 1 kg", "Ground 250 g", "Ground 500 g", "Capsules x10"), 650),
            new Range("Chocolate", List.of("Dark Chocolate 70%", "Milk Chocolate", "Hazelnut Praline", "Sea Salt Caramel", "White Chocolate"),
                    List.of("Bar 100 g", "Bar 200 g", "Drops 250 g", "Truffles x12", "Gift Box"), 250),
            new Range("Biscuits", List.of("Butter Shortbread", "Oat Crunch", "Ginger Snaps", "Chocolate Chip Cookies", "Almond Biscotti"),
                    List.of("Pack 150 g", "Pack 300 g", "Tin 500 g", "Family Pack", "Mini Bites"), 199),
            new Range("Honey & Spreads", List.of("Wildflower Honey", "Manuka Honey", "Orange Marmalade", "Strawberry Jam", "Lemon Curd"),
                    List.of("Jar 227 g", "Jar 340 g", "Jar 454 g", "Squeezy 250 g", "Duo Pack"), 349),
            new Range("Spices", List.of("Ceylon Cinnamon", "Green Cardamom", "Black Peppercorns", "Smoked Paprika", "Saffron Threads"),
                    List.of("Jar 40 g", "Jar 80 g", "Refill 100 g", "Grinder", "Whole 50 g"), 299),
            new Range("Teaware", List.of("Glass Teapot", "Cast Iron Teapot", "Porcelain Tea Cup", "Bamboo Tea Tray", "Tea Infuser"),
                    List.of("Small", "Medium", "Large", "Set of 2", "Gift Edition"), 1200),
            new Range("Coffee Gear", List.of("French Press", "Pour-over Dripper", "Hand Grinder", "Moka Pot", "Milk Frother"),
                    List.of("Classic", "Steel", "Ceramic", "Travel", "Barista Edition"), 1900));

    private final CatalogProperties properties;
    private final CategoryRepository categories;
    private final CategoryService categoryService;
    private final ProductService products;
    private final PickupPointService pickupPoints;

    public DemoCatalogSeeder(CatalogProperties properties, CategoryRepository categories, CategoryService categoryService,
                             ProductService products, PickupPointService pickupPoints) {
        this.properties = properties;
        this.categories = categories;
        this.categoryService = categoryService;
        this.products = products;
        this.pickupPoints = pickupPoints;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (properties.seedDemo()) seedIfEmpty();
    }

    public void seedIfEmpty() {
        if (categories.count() == 0) seed();
    }

    /** Creates whatever of the demo catalog is missing (fixed ids: what exists already is left alone). */
    public void seed() {
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        int n = 0;
        for (int c = 0; c < RANGES.size(); c++) {
            Range range = RANGES.get(c);
            String categoryId = "cat-" + slug(range.category());
            ignoringDuplicates(() -> categoryService.create(categoryId, range.category(), range.taxClass()));
            for (int i = 0; i < range.items().size(); i++) {
                for (int v = 0; v < range.variants().size(); v++) {
                    String item = range.items().get(i);
                    String variant = range.variants().get(v);
                    long price = range.basePriceMinor() + i * 75L + v * range.basePriceMinor() / 2;
                    int stock = (n % 13 == 5) ? 0 : 10 + (n * 37) % 140;
                    CreateProductInput in = CreateProductInput.newBuilder()
                            .name(item + " " + variant)
                            .description(item + ", " + variant.toLowerCase(Locale.ROOT) + ". From the " + range.category() + " range.")
                            .categoryId(categoryId).price(MoneyFormat.format(price)).stock(stock).images(List.of())
                            .build();
                    String id = "demo-" + slug(item) + "-" + slug(variant);
                    Instant created = start.minus(200 - n, ChronoUnit.MINUTES);
                    ignoringDuplicates(() -> products.create(id, in, created));
                    n++;
                }
            }
        }
        ignoringDuplicates(() -> pickupPoints.create("pickup-leeds", pickup("Leeds Warehouse", "12 Kirkstall Road", "Leeds",
                "LS3 1LH", "Mon-Sat 08:00-20:00")));
        ignoringDuplicates(() -> pickupPoints.create("pickup-london", pickup("London Docklands Warehouse", "5 Thames Quay", "London",
                "E14 9SJ", "Mon-Sun 07:00-22:00")));
        log.info("demo catalog seeded: {} categories, {} products, 2 pickup points", RANGES.size(), n);
    }

    private static CreatePickupPointInput pickup(String name, String line1, String city, String postalCode, String hours) {
        return CreatePickupPointInput.newBuilder().name(name).openingHours(hours)
                .address(PickupAddressInput.newBuilder().line1(line1).city(city).postalCode(postalCode).country("GB").build())
                .build();
    }

    private static void ignoringDuplicates(Runnable create) {
        try {
            create.run();
        } catch (DuplicateKeyException e) {
            // another instance seeded this one first
        }
    }

    static String slug(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }
}
