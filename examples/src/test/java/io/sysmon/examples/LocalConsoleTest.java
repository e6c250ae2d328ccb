package io.sysmon.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LocalConsoleTest {

    @Test
    void valuesAreJsonOrElseText() {
        assertEquals("5", LocalConsole.value("5").toString());
        assertEquals("0.5", LocalConsole.value("0.5").toString());
        assertEquals("true", LocalConsole.value("true").toString());
        assertEquals("\"fast\"", LocalConsole.value("\"fast\"").toString());
        assertEquals("\"fast\"", LocalConsole.value("fast").toString());
        assertEquals("\"\"", LocalConsole.value("").toString());
        assertEquals("{\"a\":1}", LocalConsole.value("{\"a\":1}").toString());
    }

    @Test
    void answersAreSummarised() {
        assertEquals("accepted version 7: {\"desired\":{\"interval\":5}}",
                LocalConsole.summarise("{\"state\":{\"desired\":{\"interval\":5}},\"metadata\":{},\"version\":7}"));
        assertEquals("rejected 400 Missing required node: state",
                LocalConsole.summarise("{\"code\":400,\"message\":\"Missing required node: state\"}"));
        assertEquals("not json", LocalConsole.summarise("not json"));
    }

    @Test
    void linesThatAreNotCommandsGetTheUsage() {
        LocalConsole console = new LocalConsole(null, null);
        assertEquals("? " + LocalConsole.USAGE, console.answer("sett a b=c"));
        assertEquals("? " + LocalConsole.USAGE, console.answer("set my_iot_device_1"));
        assertEquals("? not a thing name: a/b", console.answer("set a/b interval=5"));
        assertEquals("? expected KEY=VALUE, got interval", console.answer("set a interval"));
        assertEquals("? expected KEY=VALUE, got =5", console.answer("set a =5"));
        assertEquals("", console.answer("   "));
    }
}
