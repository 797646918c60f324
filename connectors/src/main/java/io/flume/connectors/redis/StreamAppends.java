package io.flume.connectors.redis;

import io.flume.connectors.SinkException;
import io.flume.connectors.SinkRecord;
import io.flume.connectors.naming.RecordText;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.params.XAddParams;

/**
 * Queues one record's {@code XADD} on a pipeline. With {@code dedupe}, a Lua script does the XADD
 * instead, and only when the record's offset is above the highest offset of its topic partition
 * already added to that stream, which it keeps in the hash {@code <stream key>:flume-offsets}
 * (field {@code topic-partition}) and updates in the same atomic script. A retried batch or a
 * replay after a crash then adds each Kafka record once. This relies on one writer per topic
 * partition that sends offsets in increasing order, as the connector runner does. A direct
 * channel's record has no offset and is always added.
 */
final class StreamAppends {

    /** The suffix of the hash that keeps the highest offset added per topic partition. */
    static final String OFFSETS_SUFFIX = ":flume-offsets";

    // KEYS: stream, offsets hash. ARGV: topic-partition, offset, max length (0: none), then field, value pairs.
    private static final String DEDUPE_SCRIPT = """
            local last = redis.call('HGET', KEYS[2], ARGV[1])
            if last and tonumber(last) >= tonumber(ARGV[2]) then
              return false
            end
            local args = {'XADD', KEYS[1]}
            if ARGV[3] ~= '0' then
              table.insert(args, 'MAXLEN')
              table.insert(args, '~')
              table.insert(args, ARGV[3])
            end
            table.insert(args, '*')
            for i = 4, #ARGV do
              table.insert(args, ARGV[i])
            end
            local id = redis.call(unpack(args))
            redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
            return id
            """;

    private final RedisStreamSettings settings;
    private final XAddParams params;
    private byte[] scriptSha;

    StreamAppends(RedisStreamSettings settings) {
        this.settings = settings;
        XAddParams xadd = XAddParams.xAddParams();
        if (settings.maxLen() > 0) {
            xadd.maxLen(settings.maxLen()).approximateTrimming();
        }
        this.params = xadd;
    }

    /** Loads the dedupe script on a new connection; the server may have restarted and lost it. */
    void prepare(Jedis jedis) {
        if (settings.dedupe()) {
            scriptSha = jedis.scriptLoad(DEDUPE_SCRIPT.getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * Queues the record's append and returns its response, or records a permanent failure at
     * {@code index} and returns null when the record maps to no field at all.
     */
    Response<?> append(Pipeline pipeline, SinkRecord record, int index, Map<Integer, SinkException> failures) {
        Map<byte[], byte[]> entry = settings.fields().entry(record);
        String stream = settings.streamKey().render(record);
        if (entry.isEmpty()) {
            failures.put(index, SinkException.permanentFailure("the record at " + describe(record)
                    + " has none of the parts that 'fields' maps to entry fields, and a stream entry needs"
                    + " at least one; map a part the record has, such as 'source'", null));
            return null;
        }
        byte[] key = stream.getBytes(StandardCharsets.UTF_8);
        if (!settings.dedupe() || RecordText.sourcePosition(record) == null) {
            return pipeline.xadd(key, params, entry);
        }
        return pipeline.evalsha(scriptSha, List.of(key, utf8(stream + OFFSETS_SUFFIX)), scriptArguments(record, entry));
    }

    private List<byte[]> scriptArguments(SinkRecord record, Map<byte[], byte[]> entry) {
        List<byte[]> arguments = new ArrayList<>(3 + 2 * entry.size());
        arguments.add(utf8(record.topic() + "-" + record.partition()));
        arguments.add(utf8(Long.toString(record.offset())));
        arguments.add(utf8(Long.toString(settings.maxLen())));
        entry.forEach((field, value) -> {
            arguments.add(field);
            arguments.add(value);
        });
        return arguments;
    }

    private static String describe(SinkRecord record) {
        String position = RecordText.sourcePosition(record);
        return position != null ? position : "stream '" + record.stream() + "' (direct channel)";
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
