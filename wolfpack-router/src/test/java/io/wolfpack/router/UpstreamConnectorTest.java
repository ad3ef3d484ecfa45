package io.wolfpack.router;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.wolfpack.core.route.Endpoint;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class UpstreamConnectorTest {

    @Test
    void upstreamConnectionsGiveUpOnUnacknowledgedBytesAfterASecond() throws Exception {
        assumeTrue(Epoll.isAvailable(), "TCP_USER_TIMEOUT is set with the epoll transport only");
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        try (ServerSocket backend = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            UpstreamPool pool = new UpstreamConnector(EpollSocketChannel.class).poolFor(group.next());
            Channel ch = pool.connect(new Endpoint("127.0.0.1", backend.getLocalPort(), "web-1"), 1_000)
                    .get(5, TimeUnit.SECONDS);
            // read back from the socket, so it is what the kernel holds, not what Netty was given
            assertThat(ch.config().getOption(EpollChannelOption.TCP_USER_TIMEOUT))
                    .isEqualTo(UpstreamConnector.UNACKNOWLEDGED_TIMEOUT_MILLIS).isEqualTo(1_000);
            ch.close().sync();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }
}
