package io.wolfpack.cli.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * ZooKeeper's own counters, read with the {@code srvr} four-letter word (allowed by
 * {@code EmbeddedZooKeeper}). Writes are counted by the zxid: ZooKeeper gives every write
 * transaction (create, setData, delete, a whole multi, a session open or close) the next zxid,
 * so the difference of two zxids of one epoch is the number of write transactions between them.
 *
 * @param zxid      the last committed transaction id
 * @param nodeCount znodes in the tree
 */
record ZkStats(long zxid, long nodeCount) {
    static ZkStats read(String connectString) throws IOException {
        String first = connectString.split(",")[0];
        int colon = first.lastIndexOf(':');
        String text;
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(first.substring(0, colon), Integer.parseInt(first.substring(colon + 1))), 3000);
            s.setSoTimeout(3000);
            OutputStream out = s.getOutputStream();
            out.write("srvr".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        long zxid = -1;
        long nodes = -1;
        for (String line : text.split("\n")) {
            if (line.startsWith("Zxid:")) zxid = Long.decode(line.substring(5).trim());
            if (line.startsWith("Node count:")) nodes = Long.parseLong(line.substring(11).trim());
        }
        if (zxid < 0) throw new IOException("ZooKeeper at " + first + " answered 'srvr' without a Zxid line: " + text);
        return new ZkStats(zxid, nodes);
    }

    /** Write transactions since {@code before}. */
    long writesSince(ZkStats before) {
        return zxid - before.zxid;
    }
}
