package com.shopbff.notifications;

import com.shopbff.support.SubgraphApplications;
import com.shopbff.support.SubgraphSupportConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/** Notifications subgraph: order and wallet notifications, history, unread, live push, email. */
@SpringBootApplication
@Import(SubgraphSupportConfiguration.class)
public class NotificationsApplication {
    public static final String CONFIG_NAME = "notifications";

    public static void main(String[] args) {
        SubgraphApplications.builder(NotificationsApplication.class, CONFIG_NAME).run(args);
    }
}
