using System.Runtime.InteropServices;

namespace HydroWorkshop.Kernel.Zmq;

/// <summary>The few libzmq 4.x entry points the kernel needs (Debian's libzmq5 ships <c>libzmq.so.5</c>).</summary>
internal static partial class ZmqNative
{
    private const string Library = "libzmq.so.5";

    public const int ZMQ_PUB = 1;
    public const int ZMQ_REQ = 3;
    public const int ZMQ_REP = 4;
    public const int ZMQ_DEALER = 5;
    public const int ZMQ_ROUTER = 6;

    public const int ZMQ_LINGER = 17;
    public const int ZMQ_RCVMORE = 13;
    public const int ZMQ_RCVTIMEO = 27;
    public const int ZMQ_SNDHWM = 23;
    public const int ZMQ_IDENTITY = 5;

    public const int ZMQ_DONTWAIT = 1;
    public const int ZMQ_SNDMORE = 2;

    public const short ZMQ_POLLIN = 1;

    public const int EAGAIN = 11;
    public const int EINTR = 4;
    public const int ETERM = 156384765; // ZMQ_HAUSNUMERO + 53

    /// <summary>zmq_msg_t is an opaque 64-byte block.</summary>
    [StructLayout(LayoutKind.Sequential, Size = 64)]
    public struct Message
    {
        private long reserved;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct PollItem
    {
        public IntPtr Socket;
        public int FileDescriptor;
        public short Events;
        public short ReturnedEvents;
    }

    [LibraryImport(Library, EntryPoint = "zmq_ctx_new")]
    public static partial IntPtr CtxNew();

    [LibraryImport(Library, EntryPoint = "zmq_ctx_term")]
    public static partial int CtxTerm(IntPtr context);

    [LibraryImport(Library, EntryPoint = "zmq_ctx_shutdown")]
    public static partial int CtxShutdown(IntPtr context);

    [LibraryImport(Library, EntryPoint = "zmq_socket")]
    public static partial IntPtr Socket(IntPtr context, int type);

    [LibraryImport(Library, EntryPoint = "zmq_close")]
    public static partial int Close(IntPtr socket);

    [LibraryImport(Library, EntryPoint = "zmq_bind", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Bind(IntPtr socket, string endpoint);

    [LibraryImport(Library, EntryPoint = "zmq_connect", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Connect(IntPtr socket, string endpoint);

    [LibraryImport(Library, EntryPoint = "zmq_setsockopt")]
    public static unsafe partial int SetSockOpt(IntPtr socket, int option, void* value, nuint length);

    [LibraryImport(Library, EntryPoint = "zmq_getsockopt")]
    public static unsafe partial int GetSockOpt(IntPtr socket, int option, void* value, nuint* length);

    [LibraryImport(Library, EntryPoint = "zmq_send")]
    public static unsafe partial int Send(IntPtr socket, byte* buffer, nuint length, int flags);

    [LibraryImport(Library, EntryPoint = "zmq_msg_init")]
    public static partial int MsgInit(ref Message message);

    [LibraryImport(Library, EntryPoint = "zmq_msg_recv")]
    public static partial int MsgRecv(ref Message message, IntPtr socket, int flags);

    [LibraryImport(Library, EntryPoint = "zmq_msg_data")]
    public static partial IntPtr MsgData(ref Message message);

    [LibraryImport(Library, EntryPoint = "zmq_msg_size")]
    public static partial nuint MsgSize(ref Message message);

    [LibraryImport(Library, EntryPoint = "zmq_msg_close")]
    public static partial int MsgClose(ref Message message);

    [LibraryImport(Library, EntryPoint = "zmq_poll")]
    public static unsafe partial int Poll(PollItem* items, int count, long timeoutMilliseconds);

    [LibraryImport(Library, EntryPoint = "zmq_errno")]
    public static partial int Errno();

    [LibraryImport(Library, EntryPoint = "zmq_strerror")]
    public static partial IntPtr StrError(int error);

    public static string LastError()
    {
        var code = Errno();
        return $"{Marshal.PtrToStringUTF8(StrError(code))} (errno {code})";
    }
}
