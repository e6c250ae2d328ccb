package io.sysmon.examples.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TopicFilterTest {

    @ParameterizedTest(name = "{0} ~ {1}: {2}")
    @CsvSource({
        "$aws/things/+/shadow/update, $aws/things/my_iot_device_1/shadow/update, true",
        "$aws/things/+/shadow/update, $aws/things/my_iot_device_1/shadow/update/accepted, false",
        "$aws/things/+/shadow/update, $aws/things/my_iot_device_1/shadow/get, false",
        "$aws/things/+/shadow/update, $aws/things//shadow/update, true",
        "$aws/things/+/shadow/update, $aws/things/a/b/shadow/update, false",
        "$aws/things/+/shadow/#, $aws/things/x/shadow/update/documents, true",
        "$aws/things/+/shadow/#, $aws/things/x/shadow, true",
        "topic/subtopic, topic/subtopic, true",
        "topic/subtopic, topic/subtopic-2, false",
        "topic/#, topic/subtopic-3/details, true",
        "topic/#, topic-2/subtopic-x, false",
        "topic/+, topic/subtopic-3/details, false",
        "topic/+, topic, false",
        "topic/+, topic/, true",
        "#, a/b/c, true",
        "#, $aws/things/x/shadow/update, false",
        "+/things/+/shadow/update, $aws/things/x/shadow/update, false",
        "$aws/#, $aws/things/x/shadow/update, true",
        "a/b, a/bc, false",
        "a/bc, a/b, false",
    })
    void matchesAsMqttSays(String filter, String topic, boolean matches) {
        assertEquals(matches, TopicFilter.of(filter).matches(topic));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "a/#/b | '#' must be a whole level and the last one, in topic filter 'a/#/b'",
        "a/b# | '#' must be a whole level and the last one, in topic filter 'a/b#'",
        "a/+b/c | '+' must be a whole level, in topic filter 'a/+b/c'",
        "'' | the topic filter is empty",
    })
    void rejectsMisplacedWildcards(String filter, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> TopicFilter.of(filter)).getMessage());
    }
}
