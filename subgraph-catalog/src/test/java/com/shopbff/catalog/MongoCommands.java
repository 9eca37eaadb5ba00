package com.shopbff.catalog;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import org.bson.BsonDocument;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The MongoDB commands the app sends, to check how many queries a request costs. */
public class MongoCommands implements CommandListener {
    private final List<BsonDocument> started = new CopyOnWriteArrayList<>();

    @Override
    public void commandStarted(CommandStartedEvent event) {
        if (event.getCommandName().equals("find")) started.add(event.getCommand().clone());
    }

    public void clear() {
        started.clear();
    }

    /** find commands on a collection whose filter names {@code _id} with {@code $in}: batch lookups. */
    public long batchFinds(String collection) {
        return started.stream().filter(c -> c.getString("find").getValue().equals(collection))
                .filter(c -> c.containsKey("filter") && c.getDocument("filter").containsKey("_id")
                        && c.getDocument("filter").get("_id").isDocument()
                        && c.getDocument("filter").getDocument("_id").containsKey("$in"))
                .count();
    }
}
