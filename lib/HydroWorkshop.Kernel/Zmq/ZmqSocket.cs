using static HydroWorkshop.Kernel.Zmq.ZmqNative;

namespace HydroWorkshop.Kernel.Zmq;

/// <summary>A ZeroMQ socket used by exactly one thread (libzmq sockets are not thread-safe).</summary>
internal sealed class ZmqSocket : IDisposable
{
    private IntPtr handle;

    public ZmqSocket(ZmqContext context, int type)
    {
        handle = Socket(context.Handle, type);
        if (handle == IntPtr.Zero) throw new ZmqException("zmq_socket");
        SetInt(ZMQ_LINGER, 0);
    }

    internal IntPtr Handle => handle;

    public void Bind(string endpoint)
    {
        if (ZmqNative.Bind(handle, endpoint) != 0) throw new ZmqException($"zmq_bind {endpoint}");
    }

    public void Connect(string endpoint)
    {
        if (ZmqNative.Connect(handle, endpoint) != 0) throw new ZmqException($"zmq_connect {endpoint}");
    }

    public unsafe void SetInt(int option, int value)
    {
        if (SetSockOpt(handle, option, &value, sizeof(int)) != 0) throw new ZmqException($"zmq_setsockopt {option}");
    }

    public unsafe void SetBytes(int option, byte[] value)
    {
        fixed (byte* p = value)
        {
            if (SetSockOpt(handle, option, p, (nuint)value.Length) != 0) throw new ZmqException($"zmq_setsockopt {option}");
        }
    }

    /// <summary>Waits up to <paramref name="timeoutMilliseconds"/> (-1: forever) for something to read.</summary>
    public unsafe bool Poll(long timeoutMilliseconds)
    {
        var item = new PollItem { Socket = handle, Events = ZMQ_POLLIN };
        while (true)
        {
            var rc = ZmqNative.Poll(&item, 1, timeoutMilliseconds);
            if (rc >= 0) return rc > 0 && (item.ReturnedEvents & ZMQ_POLLIN) != 0;
            if (Errno() != EINTR) throw new ZmqException("zmq_poll");
        }
    }

    /// <summary>Receives all frames of one message; null when the context is shut down.</summary>
    public unsafe List<byte[]>? ReceiveMultipart()
    {
        var frames = new List<byte[]>();
        while (true)
        {
            var message = new Message();
            MsgInit(ref message);
            try
            {
                int rc;
                while ((rc = MsgRecv(ref message, handle, 0)) < 0)
                {
                    var error = Errno();
                    if (error == ETERM) return null;
                    if (error != EINTR) throw new ZmqException("zmq_msg_recv");
                }
                var frame = new byte[(int)MsgSize(ref message)];
                new ReadOnlySpan<byte>((void*)MsgData(ref message), frame.Length).CopyTo(frame);
                frames.Add(frame);
            }
            finally
            {
                MsgClose(ref message);
            }
            if (!HasMore()) return frames;
        }
    }

    private unsafe bool HasMore()
    {
        int more = 0;
        nuint size = sizeof(int);
        GetSockOpt(handle, ZMQ_RCVMORE, &more, &size);
        return more != 0;
    }

    /// <summary>Sends the frames as one message. False when the context is shut down.</summary>
    public unsafe bool SendMultipart(IReadOnlyList<byte[]> frames)
    {
        for (var i = 0; i < frames.Count; i++)
        {
            var flags = i < frames.Count - 1 ? ZMQ_SNDMORE : 0;
            fixed (byte* p = frames[i])
            {
                while (Send(handle, p, (nuint)frames[i].Length, flags) < 0)
                {
                    var error = Errno();
                    if (error == ETERM) return false;
                    if (error != EINTR) throw new ZmqException("zmq_send");
                }
            }
        }
        return true;
    }

    public void Dispose()
    {
        if (handle != IntPtr.Zero) ZmqNative.Close(handle);
        handle = IntPtr.Zero;
    }
}

/// <summary>A libzmq context: one per kernel.</summary>
internal sealed class ZmqContext : IDisposable
{
    public ZmqContext()
    {
        Handle = CtxNew();
        if (Handle == IntPtr.Zero) throw new ZmqException("zmq_ctx_new");
    }

    public IntPtr Handle { get; private set; }

    /// <summary>Makes every blocking call on the context's sockets return (ETERM), from any thread.</summary>
    public void Shutdown()
    {
        if (Handle != IntPtr.Zero) CtxShutdown(Handle);
    }

    public void Dispose()
    {
        if (Handle != IntPtr.Zero) CtxTerm(Handle);
        Handle = IntPtr.Zero;
    }
}

/// <summary>A libzmq call failed; the message names the call and zmq's error text.</summary>
internal sealed class ZmqException(string call) : Exception($"{call} failed: {LastError()}");
