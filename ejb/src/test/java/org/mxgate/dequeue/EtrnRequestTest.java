package org.mxgate.dequeue;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EtrnRequestTest {

    @Test
    void aDomainASubtreeOrANamedQueue() {
        EtrnRequest exact = EtrnRequest.parse(" Example.TEST").orElseThrow();
        assertThat(exact.covers("example.test")).isTrue();
        assertThat(exact.covers("sub.example.test")).isFalse();
        EtrnRequest tree = EtrnRequest.parse("@example.test").orElseThrow();
        assertThat(tree.covers("example.test")).isTrue();
        assertThat(tree.covers("sub.example.test")).isTrue();
        assertThat(tree.covers("badexample.test")).isFalse();
        assertThat(EtrnRequest.parse("#example.test").orElseThrow().covers("example.test")).isTrue();
    }

    @Test
    void refusesWhatIsNotANode() {
        assertThat(EtrnRequest.parse("")).isEmpty();
        assertThat(EtrnRequest.parse("@")).isEmpty();
        assertThat(EtrnRequest.parse("a b.test")).isEmpty();
        assertThat(EtrnRequest.parse("exa_mple..test")).isEmpty();
    }
}
